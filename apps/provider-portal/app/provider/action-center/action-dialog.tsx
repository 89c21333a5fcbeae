"use client";

import type { ActionKind } from "@pp/core/action-center/buckets";
import { Button } from "@pp/ui/button";
import { Dialog, DialogClose } from "@pp/ui/dialog";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { formatCents } from "@pp/ui/format";
import { localIsoDay } from "@pp/ui/local-date";
import { type ReactNode, useId, useState } from "react";
import { SettlementField } from "../leads/settlement-field";
import { ACTION_LABELS, type QueueItem, type QueueRules, type StaffOption } from "./queue-item";

/** An action waiting for its form: which action, on which items (already those that allow it). */
export type PendingAction = { kind: Exclude<ActionKind, "sendReminder">; items: QueueItem[] };

/** The form (or confirmation) an action needs, as a modal dialog. */
export function ActionDialog({
  form,
  running,
  staff,
  rules,
  currentUserId,
  onCancel,
  onSubmit,
}: {
  form: PendingAction;
  running: boolean;
  staff: StaffOption[];
  rules: QueueRules;
  currentUserId: string;
  onCancel: () => void;
  onSubmit: (values: Record<string, string>) => void;
}) {
  const id = useId();
  const count = form.items.length;
  const clients = [...new Set(form.items.map((item) => item.tenant?.name).filter((name) => name !== undefined))];
  // Titles name the client, so the dialog says whose item this is without looking behind it.
  const whose = clients.length === 1 ? ` — ${clients[0]}` : clients.length > 1 ? ` — ${clients.length} clients` : "";
  const subject = count === 1 ? `“${form.items[0]?.title ?? ""}”${whose}` : `${count} items${whose}`;
  const [values, setValues] = useState<Record<string, string>>((): Record<string, string> => {
    switch (form.kind) {
      case "snooze":
        return { until: localIsoDay(3), reason: "" };
      case "extendSubscription":
        return { days: "14", reason: "" };
      case "createTask":
        return { title: "Follow up", dueAt: localIsoDay(2), ownerId: currentUserId };
      case "scheduleEbr":
        return { title: "Executive business review", dueAt: localIsoDay(14), ownerId: currentUserId };
      case "approveDispute":
        return { note: "", settlement: "credit" };
      default:
        return { note: "" };
    }
  });
  const set = (name: string) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));
  const money = form.items.reduce((sum, item) => sum + (item.amountCents ?? 0), 0);
  // One dispute at a time: the refund goes to that lead's card payment.
  const refundable = count === 1 && form.items[0]?.refundableByCard === true;

  let title: string;
  let body: ReactNode;
  switch (form.kind) {
    case "approveDispute":
      title = `Approve ${count === 1 ? "the dispute" : `${count} disputes`}${clients.length === 1 ? ` from ${clients[0]}` : whose}?`;
      body = (
        <>
          <p className="text-sm text-slate-600">
            This credits up to {formatCents(money)} to the client{count === 1 ? "" : "s"}: uninvoiced leads leave the
            next invoice, invoiced ones get a credit line. It cannot be undone.
          </p>
          {refundable ? (
            <SettlementField
              id={`${id}-settlement`}
              value={values.settlement === "refund_to_card" ? "refund_to_card" : "credit"}
              onChange={(settlement) => setValues((current) => ({ ...current, settlement }))}
            />
          ) : null}
          <Field label="Note (optional — the client reads this)" htmlFor={`${id}-note`}>
            <Textarea value={values.note ?? ""} onChange={set("note")} rows={2} maxLength={2000} />
          </Field>
        </>
      );
      break;
    case "rejectDispute":
    case "escalateIncident":
      title = form.kind === "rejectDispute" ? `Reject ${subject}` : `Escalate ${subject}`;
      body = (
        <Field
          label={form.kind === "rejectDispute" ? "Why is it rejected? (the client reads this)" : "What is needed?"}
          htmlFor={`${id}-note`}
        >
          <Textarea value={values.note ?? ""} onChange={set("note")} rows={3} required maxLength={2000} />
        </Field>
      );
      break;
    case "extendSubscription":
      title = `Extend ${subject}`;
      body = (
        <>
          <p className="text-sm text-slate-600">
            A trial gets a later trial end; a paying subscription a longer current period (its next invoice comes
            later).
          </p>
          <Field label="Days" htmlFor={`${id}-days`}>
            <Input
              type="number"
              min={1}
              max={rules.maxExtensionDays}
              value={values.days ?? ""}
              onChange={set("days")}
              required
            />
          </Field>
          <Field label="Reason" htmlFor={`${id}-reason`}>
            <Textarea value={values.reason ?? ""} onChange={set("reason")} rows={2} required maxLength={500} />
          </Field>
        </>
      );
      break;
    case "createTask":
    case "scheduleEbr":
      title = form.kind === "scheduleEbr" ? `Schedule an EBR for ${subject}` : `Create a task for ${subject}`;
      body = (
        <>
          <Field label="Title" htmlFor={`${id}-title`}>
            <Input value={values.title ?? ""} onChange={set("title")} required maxLength={200} />
          </Field>
          <Field label={form.kind === "scheduleEbr" ? "Date" : "Due"} htmlFor={`${id}-due`}>
            <Input type="date" value={values.dueAt ?? ""} onChange={set("dueAt")} required />
          </Field>
          <Field label="Owner" htmlFor={`${id}-owner`}>
            <Select value={values.ownerId ?? ""} onChange={set("ownerId")}>
              {staff.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </Select>
          </Field>
        </>
      );
      break;
    case "snooze":
      title = `Snooze ${subject}`;
      body = (
        <>
          <Field
            label="Until"
            htmlFor={`${id}-until`}
            hint="Hidden from the Action Center until this day starts, your time."
          >
            <Input type="date" min={localIsoDay(1)} value={values.until ?? ""} onChange={set("until")} required />
          </Field>
          <Field label="Reason" htmlFor={`${id}-reason`}>
            <Textarea value={values.reason ?? ""} onChange={set("reason")} rows={2} required maxLength={500} />
          </Field>
        </>
      );
      break;
  }

  return (
    <Dialog
      open
      onOpenChange={(open) => {
        if (!open && !running) onCancel();
      }}
      title={title}
      onSubmit={() => onSubmit(values)}
      footer={
        <>
          <DialogClose>
            <Button type="button" variant="ghost" disabled={running}>
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" variant={form.kind === "rejectDispute" ? "danger" : "primary"} pending={running}>
            {running ? "Working…" : ACTION_LABELS[form.kind]}
          </Button>
        </>
      }
    >
      {body}
    </Dialog>
  );
}
