"use client";

import type { ActionBucket, ActionKind, ActionSeverity } from "@pp/core/action-center/buckets";
import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Badge, type BadgeTone } from "@pp/ui/badge";
import { Button, ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { formatCents, formatDateTime } from "@pp/ui/format";
import { toast } from "@pp/ui/toaster";
import clsx from "clsx";
import { CheckCircle2, SearchX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from "react";

/** An Action Center item as the page hands it over: dates as ISO strings, actions the viewer may take. */
export type QueueItem = {
  id: string;
  bucket: ActionBucket;
  tenant: { id: string; name: string } | null;
  title: string;
  severity: ActionSeverity;
  openedAt: string;
  ageHours: number;
  dueAt: string | null;
  amountCents: number | null;
  currency: string | null;
  subject: { type: string; id: string };
  href: string;
  actions: ActionKind[];
};

type Option = { value: string; label: string };

/** The runbook's verbs, as the buttons read. */
const ACTION_LABELS: Record<ActionKind, string> = {
  approveDispute: "Approve Dispute",
  rejectDispute: "Reject",
  sendReminder: "Send Reminder",
  extendSubscription: "Extend",
  escalateIncident: "Escalate",
  createTask: "Create Task",
  scheduleEbr: "Schedule EBR",
  snooze: "Snooze",
};

const SEVERITY_TONES: Record<ActionSeverity, BadgeTone> = {
  critical: "danger",
  high: "warn",
  medium: "brand",
  low: "neutral",
};

const EMPTY_STATES: Record<ActionBucket, { title: string; description: string }> = {
  disputesPending: {
    title: "No disputes waiting",
    description: "When a client disputes a lead it lands here with its decision deadline.",
  },
  invoicesOverdue: { title: "No overdue invoices", description: "Every issued invoice is paid or not yet due." },
  paymentsFailed: {
    title: "No failed payments",
    description: "Failed charges from the last 30 days show here while Payment Retries run.",
  },
  subsExpiring: {
    title: "Nothing expiring soon",
    description: "Trials ending within 14 days and cancellations within 30 days show here.",
  },
  slaBreaches: { title: "Every incident is inside its SLA", description: "Incidents past 80% of their SLA show here." },
  tenantsAtRisk: {
    title: "No clients at risk",
    description: "Clients past due, 30+ days overdue, with usage halved or a serious open incident show here.",
  },
  rateLimitAlerts: {
    title: "No rate-limit alerts",
    description: "Clients near their API limit or getting 429s in the last 24 hours show here.",
  },
};

type Form =
  | { kind: "snooze"; items: QueueItem[] }
  | { kind: "rejectDispute"; items: QueueItem[] }
  | { kind: "approveDispute"; items: QueueItem[] }
  | { kind: "extendSubscription"; items: QueueItem[] }
  | { kind: "escalateIncident"; items: QueueItem[] }
  | { kind: "createTask" | "scheduleEbr"; items: QueueItem[] };

type Outcome = { item: QueueItem; ok: boolean; message: string };

function describeAge(hours: number): string {
  if (hours < 1) return "< 1 h";
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "in 5 h", "2 d ago": how far the breach is, at a glance (the exact time is in the tooltip). */
function describeDue(iso: string): string {
  const hours = Math.round((new Date(iso).getTime() - Date.now()) / 3_600_000);
  const size = Math.abs(hours);
  const amount = size < 48 ? `${size} h` : `${Math.round(size / 24)} d`;
  if (size === 0) return "now";
  return hours > 0 ? `in ${amount}` : `${amount} ago`;
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** One call per item and action; the Idempotency-Key makes a retried click land once. */
async function perform(action: ActionKind, item: QueueItem, values: Record<string, string>): Promise<string> {
  const key = crypto.randomUUID();
  const post = <T,>(url: string, body?: unknown) => callApi<T>(url, { method: "POST", body, idempotencyKey: key });
  switch (action) {
    case "approveDispute":
      await post(`/api/provider/leads/${item.subject.id}/dispute`, { decision: "approve" });
      return "Dispute approved";
    case "rejectDispute":
      await post(`/api/provider/leads/${item.subject.id}/dispute`, { decision: "reject", note: values.note });
      return "Dispute rejected";
    case "sendReminder": {
      const sent = await post<{ to: string }>(`/api/provider/billing/invoices/${item.subject.id}/remind`);
      return `Reminder sent to ${sent.to}`;
    }
    case "extendSubscription":
      await post(`/api/provider/subscriptions/${item.subject.id}/extend`, { days: values.days, reason: values.reason });
      return `Extended by ${values.days} days`;
    case "escalateIncident": {
      const result = await post<{ escalationLevel: number }>(`/api/provider/incidents/${item.subject.id}/escalate`, {
        note: values.note,
      });
      return `Escalated to level ${result.escalationLevel}`;
    }
    case "createTask":
    case "scheduleEbr":
      if (!item.tenant) throw new Error("This item has no client to attach a task to");
      await post("/api/provider/tasks", {
        tenantId: item.tenant.id,
        kind: action === "scheduleEbr" ? "ebr" : "task",
        title: values.title,
        dueAt: values.dueAt,
        ownerId: values.ownerId,
        relatedType: item.subject.type,
        relatedId: item.subject.id,
      });
      return action === "scheduleEbr" ? "EBR scheduled" : "Task created";
    case "snooze":
      await post("/api/provider/action-center/snoozes", {
        bucket: item.bucket,
        itemId: item.id,
        until: new Date(`${values.until}T00:00:00Z`).toISOString(),
        reason: values.reason,
      });
      return `Snoozed until ${values.until}`;
  }
}

/**
 * One queue of the Action Center: rows with checkboxes and their actions, bulk actions on the
 * selection (with a per-item result when some fail), and the forms the actions need.
 * Keyboard: ↑/↓ (or j/k) move between rows, Space selects, Enter opens the item.
 */
export function ActionQueue({
  bucket,
  items,
  filtering,
  clearHref,
  staff,
  currentUserId,
}: {
  bucket: ActionBucket;
  items: QueueItem[];
  filtering: boolean;
  clearHref: string;
  staff: Option[];
  currentUserId: string;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [form, setForm] = useState<Form | null>(null);
  const [running, setRunning] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);

  if (items.length === 0) {
    return filtering ? (
      <EmptyState
        icon={<SearchX />}
        title="Nothing matches these filters"
        description="Try fewer filters, or clear them to see the whole queue."
        action={<ButtonLink href={clearHref}>Clear filters</ButtonLink>}
      />
    ) : (
      <EmptyState icon={<CheckCircle2 />} {...EMPTY_STATES[bucket]} />
    );
  }

  const chosen = items.filter((item) => selected.has(item.id));
  const bulkActions = (
    ["approveDispute", "rejectDispute", "sendReminder", "escalateIncident", "createTask", "snooze"] as const
  ).filter((action) => chosen.some((item) => item.actions.includes(action)));

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function run(action: ActionKind, targets: QueueItem[], values: Record<string, string> = {}) {
    const eligible = targets.filter((item) => item.actions.includes(action));
    setRunning(true);
    const results: Outcome[] = [];
    for (const item of eligible) {
      try {
        results.push({ item, ok: true, message: await perform(action, item, values) });
      } catch (failure) {
        const message =
          failure instanceof ApiError || !(failure instanceof Error) ? describeFailure(failure) : failure.message;
        results.push({ item, ok: false, message });
      }
    }
    setRunning(false);
    setForm(null);
    const failed = results.filter((result) => !result.ok);
    const label = ACTION_LABELS[action];
    if (results.length === 1) {
      const [only] = results;
      if (only?.ok) toast.success(only.message);
      else toast.error(only?.message ?? "Something went wrong — try again");
    } else if (failed.length === 0) {
      toast.success(`${label}: done for all ${results.length} items`);
    } else {
      toast.error(
        `${label}: ${results.length - failed.length} done, ${failed.length} failed — see the results above the list`,
      );
    }
    setOutcomes(results.length > 1 && failed.length > 0 ? results : []);
    setSelected(new Set());
    router.refresh();
  }

  function start(action: ActionKind, targets: QueueItem[]) {
    if (action === "sendReminder") {
      void run(action, targets);
      return;
    }
    setForm({ kind: action, items: targets.filter((item) => item.actions.includes(action)) } as Form);
  }

  function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, index: number, item: QueueItem) {
    if (event.target !== event.currentTarget) return;
    const move = (to: number) => {
      event.preventDefault();
      rows.current[Math.max(0, Math.min(items.length - 1, to))]?.focus();
    };
    if (event.key === "ArrowDown" || event.key === "j") move(index + 1);
    else if (event.key === "ArrowUp" || event.key === "k") move(index - 1);
    else if (event.key === " ") {
      event.preventDefault();
      toggle(item.id);
    } else if (event.key === "Enter") router.push(item.href);
  }

  const allSelected = chosen.length === items.length;
  return (
    <div>
      {outcomes.length > 0 ? (
        <section
          aria-label="Bulk action results"
          className="mb-4 rounded-card border border-line bg-surface p-4 text-sm shadow-card"
        >
          <div className="mb-2 flex items-center justify-between">
            <h2 className="font-semibold text-slate-900">Results</h2>
            <Button size="sm" variant="ghost" onClick={() => setOutcomes([])}>
              Dismiss
            </Button>
          </div>
          <ul className="space-y-1">
            {outcomes.map((outcome) => (
              <li key={outcome.item.id} className={outcome.ok ? "text-success-700" : "text-danger-700"}>
                {outcome.ok ? "✓" : "✗"} {outcome.item.tenant?.name ?? "—"} · {outcome.item.title}: {outcome.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div
        role="toolbar"
        aria-label="Bulk actions"
        className="mb-3 flex min-h-9 flex-wrap items-center gap-2 text-sm text-slate-600"
      >
        {chosen.length === 0 ? (
          <span>Select rows for bulk actions (Space selects, ↑/↓ move).</span>
        ) : (
          <>
            <span className="font-medium text-slate-900">{chosen.length} selected</span>
            {bulkActions.map((action) => (
              <Button
                key={action}
                size="sm"
                variant={action === "rejectDispute" ? "danger" : "secondary"}
                disabled={running}
                onClick={() => start(action, chosen)}
              >
                {ACTION_LABELS[action]} ({chosen.filter((item) => item.actions.includes(action)).length})
              </Button>
            ))}
          </>
        )}
      </div>
      <div className="overflow-x-auto rounded-card border border-line bg-surface shadow-card">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Action Center queue, most urgent first</caption>
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className="w-10 px-4 py-2.5">
                <input
                  type="checkbox"
                  aria-label="Select all rows"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((item) => item.id)))}
                />
              </th>
              {["Client", "Item", "Severity", "Age", "Due", "Amount", "Actions"].map((header) => (
                <th
                  key={header}
                  scope="col"
                  className={clsx(
                    "px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
                    header === "Amount" ? "text-right" : "text-left",
                  )}
                >
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((item, index) => (
              <tr
                key={item.id}
                ref={(element) => {
                  rows.current[index] = element;
                }}
                tabIndex={0}
                onKeyDown={(event) => onRowKey(event, index, item)}
                aria-selected={selected.has(item.id)}
                data-item-id={item.id}
                className={clsx(
                  "outline-none hover:bg-slate-50/70 focus-visible:bg-brand-50/60",
                  selected.has(item.id) && "bg-brand-50/40",
                )}
              >
                <td className="px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label={`Select ${item.title}`}
                    checked={selected.has(item.id)}
                    onChange={() => toggle(item.id)}
                  />
                </td>
                <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                  {item.tenant ? (
                    <Link href={`/provider/clients/${item.tenant.id}`} className="hover:text-brand-700">
                      {item.tenant.name}
                    </Link>
                  ) : (
                    <span className="text-slate-400">No client</span>
                  )}
                </td>
                <td className="min-w-64 px-4 py-3">
                  <Link href={item.href} className="font-medium text-slate-900 hover:text-brand-700">
                    {item.title}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  <Badge tone={SEVERITY_TONES[item.severity]}>
                    {item.severity.charAt(0).toUpperCase() + item.severity.slice(1)}
                  </Badge>
                </td>
                <td className="px-4 py-3 whitespace-nowrap tabular-nums" title={formatDateTime(item.openedAt)}>
                  {describeAge(item.ageHours)}
                </td>
                <td
                  className={clsx(
                    "px-4 py-3 whitespace-nowrap tabular-nums",
                    item.dueAt && new Date(item.dueAt).getTime() < Date.now() && "font-medium text-danger-700",
                  )}
                  title={item.dueAt ? formatDateTime(item.dueAt) : undefined}
                  // Relative to the clock: server and browser may round a boundary differently.
                  suppressHydrationWarning
                >
                  {item.dueAt ? describeDue(item.dueAt) : "—"}
                </td>
                <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                  {item.amountCents === null ? "—" : formatCents(item.amountCents, item.currency ?? "USD")}
                </td>
                <td className="px-4 py-3">
                  <div className="flex max-w-72 min-w-56 flex-wrap gap-1.5 whitespace-nowrap">
                    {item.actions.map((action) => (
                      <Button
                        key={action}
                        size="sm"
                        variant={
                          action === "approveDispute" ? "primary" : action === "rejectDispute" ? "danger" : "secondary"
                        }
                        disabled={running || ((action === "createTask" || action === "scheduleEbr") && !item.tenant)}
                        onClick={() => start(action, [item])}
                      >
                        {ACTION_LABELS[action]}
                      </Button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {form ? (
        <ActionForm
          form={form}
          running={running}
          staff={staff}
          currentUserId={currentUserId}
          onCancel={() => setForm(null)}
          onSubmit={(values) => run(form.kind, form.items, values)}
        />
      ) : null}
    </div>
  );
}

/** The form (or confirmation) an action needs, as a modal dialog. */
function ActionForm({
  form,
  running,
  staff,
  currentUserId,
  onCancel,
  onSubmit,
}: {
  form: Form;
  running: boolean;
  staff: Option[];
  currentUserId: string;
  onCancel: () => void;
  onSubmit: (values: Record<string, string>) => void;
}) {
  const id = useId();
  const count = form.items.length;
  const subject = count === 1 ? `“${form.items[0]?.title ?? ""}”` : `${count} items`;
  const [values, setValues] = useState<Record<string, string>>((): Record<string, string> => {
    switch (form.kind) {
      case "snooze":
        return { until: isoDay(3), reason: "" };
      case "extendSubscription":
        return { days: "14", reason: "" };
      case "createTask":
        return { title: "Follow up", dueAt: isoDay(2), ownerId: currentUserId };
      case "scheduleEbr":
        return { title: "Executive business review", dueAt: isoDay(14), ownerId: currentUserId };
      default:
        return { note: "" };
    }
  });
  const set = (name: string) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [name]: event.target.value }));
  const money = form.items.reduce((sum, item) => sum + (item.amountCents ?? 0), 0);

  let title: string;
  let body: ReactNode;
  switch (form.kind) {
    case "approveDispute":
      title = `Approve ${count === 1 ? "this dispute" : `${count} disputes`}?`;
      body = (
        <p className="text-sm text-slate-600">
          This credits up to {formatCents(money)} to the client{count === 1 ? "" : "s"}: uninvoiced leads leave the next
          invoice, invoiced ones get a credit line. It cannot be undone.
        </p>
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
          <Textarea
            id={`${id}-note`}
            value={values.note ?? ""}
            onChange={set("note")}
            rows={3}
            required
            maxLength={2000}
          />
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
              id={`${id}-days`}
              type="number"
              min={1}
              max={90}
              value={values.days ?? ""}
              onChange={set("days")}
              required
            />
          </Field>
          <Field label="Reason" htmlFor={`${id}-reason`}>
            <Textarea
              id={`${id}-reason`}
              value={values.reason ?? ""}
              onChange={set("reason")}
              rows={2}
              required
              maxLength={500}
            />
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
            <Input id={`${id}-title`} value={values.title ?? ""} onChange={set("title")} required maxLength={200} />
          </Field>
          <Field label={form.kind === "scheduleEbr" ? "Date" : "Due"} htmlFor={`${id}-due`}>
            <Input id={`${id}-due`} type="date" value={values.dueAt ?? ""} onChange={set("dueAt")} required />
          </Field>
          <Field label="Owner" htmlFor={`${id}-owner`}>
            <Select id={`${id}-owner`} value={values.ownerId ?? ""} onChange={set("ownerId")}>
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
          <Field label="Until" htmlFor={`${id}-until`} hint="Hidden from the Action Center until this day (UTC).">
            <Input
              id={`${id}-until`}
              type="date"
              min={isoDay(1)}
              value={values.until ?? ""}
              onChange={set("until")}
              required
            />
          </Field>
          <Field label="Reason" htmlFor={`${id}-reason`}>
            <Textarea
              id={`${id}-reason`}
              value={values.reason ?? ""}
              onChange={set("reason")}
              rows={2}
              required
              maxLength={500}
            />
          </Field>
        </>
      );
      break;
  }

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title-text`}
        className="w-full max-w-md space-y-4 rounded-card border border-line bg-surface p-5 shadow-card"
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(values);
        }}
      >
        <h2 id={`${id}-title-text`} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        {body}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onCancel} disabled={running}>
            Cancel
          </Button>
          <Button type="submit" variant={form.kind === "rejectDispute" ? "danger" : "primary"} disabled={running}>
            {running ? "Working…" : ACTION_LABELS[form.kind]}
          </Button>
        </div>
      </form>
    </div>
  );
}
