"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Select, Textarea } from "@pp/ui/field";
import { useId, useState } from "react";

type Raised = { status: "pending" | "approved" | "rejected"; autoApproved: boolean; creditCents: number };

/** "Dispute this lead": reason + note; says plainly when the window has closed or the lead is not billed. */
export function DisputeLeadForm({
  slug,
  leadId,
  billable,
  windowOpen,
  windowClosesOn,
  reasons,
}: {
  slug: string;
  leadId: string;
  billable: boolean;
  windowOpen: boolean;
  windowClosesOn: string;
  /** The reason codes with their labels (from the dispute rules, passed by the page). */
  reasons: readonly { value: string; label: string }[];
}) {
  const reasonId = useId();
  const noteId = useId();
  const [reasonCode, setReasonCode] = useState("");
  const [note, setNote] = useState("");
  const form = useApiForm<Raised>({
    url: `/api/t/${slug}/leads/${leadId}/dispute`,
    idempotent: true,
    refresh: true,
    success: (result) =>
      result.autoApproved
        ? "Dispute approved automatically: this lead is a duplicate, so you will not pay for it"
        : "Dispute sent — we will review it and email you the decision",
  });
  const { errors, pending } = form;

  if (!billable)
    return (
      <p className="mt-3 text-sm text-slate-500">This lead is not billed to you, so there is nothing to dispute.</p>
    );
  if (!windowOpen) {
    return (
      <p className="mt-3 text-sm text-slate-500">The 30-day dispute window for this lead closed on {windowClosesOn}.</p>
    );
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    void form.submit({ reasonCode, note: note.trim() === "" ? undefined : note });
  }

  return (
    <form onSubmit={submit} className="mt-4 space-y-3 border-t border-line pt-4">
      <h3 className="text-sm font-semibold text-slate-900">Dispute this lead</h3>
      <p className="text-xs text-slate-500">You can dispute it until {windowClosesOn}.</p>
      <Field label="Reason" htmlFor={reasonId} error={errors.reasonCode}>
        <Select id={reasonId} value={reasonCode} onChange={(event) => setReasonCode(event.target.value)} required>
          <option value="">Choose a reason</option>
          {reasons.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Note" htmlFor={noteId} error={errors.note} hint="What happened? Details help us decide quickly.">
        <Textarea
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={3}
          maxLength={2000}
        />
      </Field>
      <Button type="submit" variant="primary" disabled={pending || reasonCode === ""}>
        {pending ? "Sending…" : "Dispute this lead"}
      </Button>
    </form>
  );
}
