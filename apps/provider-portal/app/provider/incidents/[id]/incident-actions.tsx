"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Select, Textarea } from "@pp/ui/field";
import { useId, useState } from "react";

type Status = "open" | "acknowledged" | "waiting_on_customer" | "resolved";
type NoteAction = "updates" | "wait-on-customer" | "resolve" | "reopen" | "escalate";

const NOTE_ACTIONS: { action: NoteAction; label: string; when: (status: Status) => boolean; done: string }[] = [
  { action: "updates", label: "Add update", when: () => true, done: "Update added" },
  {
    action: "wait-on-customer",
    label: "Waiting on customer",
    when: (s) => s === "acknowledged",
    done: "Resolve clock paused",
  },
  { action: "escalate", label: "Escalate", when: (s) => s !== "resolved", done: "Escalated" },
  { action: "resolve", label: "Resolve", when: (s) => s !== "resolved", done: "Resolved" },
  { action: "reopen", label: "Reopen", when: (s) => s === "resolved", done: "Reopened" },
];

/** Acknowledge, assign, and the note-carrying actions (update, wait, escalate, resolve, reopen). */
export function IncidentActions({
  incidentId,
  status,
  acknowledged,
  assigneeId,
  assignees,
  hasRequester,
}: {
  incidentId: string;
  status: Status;
  acknowledged: boolean;
  assigneeId: string | null;
  assignees: { value: string; label: string }[];
  hasRequester: boolean;
}) {
  const noteId = useId();
  const assigneeField = useId();
  const [note, setNote] = useState("");
  const [toCustomer, setToCustomer] = useState(false);
  const [assignee, setAssignee] = useState(assigneeId ?? "");
  const form = useApiForm({ idempotent: true, refresh: true, onSuccess: () => setNote("") });
  const pending = form.pending;

  function run(path: string, body: unknown, done: string) {
    void form.submit(body, { url: `/api/provider/incidents/${incidentId}/${path}`, success: done });
  }

  return (
    <Card title="Work this incident">
      <div className="space-y-4">
        <div className="flex flex-wrap gap-2">
          {!acknowledged && status !== "resolved" ? (
            <Button variant="primary" disabled={pending} onClick={() => run("acknowledge", undefined, "Acknowledged")}>
              Acknowledge
            </Button>
          ) : null}
          {status === "waiting_on_customer" ? (
            <Button disabled={pending} onClick={() => run("resume", undefined, "Resolve clock running again")}>
              Resume work
            </Button>
          ) : null}
        </div>
        {status !== "resolved" ? (
          <div className="flex items-end gap-2">
            <Field label="Assignee" htmlFor={assigneeField} className="flex-1">
              <Select id={assigneeField} value={assignee} onChange={(event) => setAssignee(event.target.value)}>
                <option value="">Unassigned</option>
                {assignees.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Button
              disabled={pending || assignee === (assigneeId ?? "")}
              onClick={() => run("assign", { assigneeId: assignee === "" ? null : assignee }, "Assignee changed")}
            >
              Assign
            </Button>
          </div>
        ) : null}
        <Field
          label="Note"
          htmlFor={noteId}
          error={form.errors.note}
          hint="Required for every action below. Waiting, resolve and reopen notes reach the client."
        >
          <Textarea
            id={noteId}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            rows={3}
            maxLength={10_000}
          />
        </Field>
        {hasRequester ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={toCustomer} onChange={(event) => setToCustomer(event.target.checked)} />
            Updates reply to the client (in the app and by email)
          </label>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {NOTE_ACTIONS.filter((entry) => entry.when(status)).map((entry) => (
            <Button
              key={entry.action}
              size="sm"
              variant={entry.action === "resolve" ? "primary" : entry.action === "escalate" ? "danger" : "secondary"}
              disabled={pending}
              onClick={() =>
                run(
                  entry.action,
                  entry.action === "updates" ? { note, visibility: toCustomer ? "customer" : "internal" } : { note },
                  entry.done,
                )
              }
            >
              {entry.label}
            </Button>
          ))}
        </div>
      </div>
    </Card>
  );
}
