"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Select, Textarea } from "@pp/ui/field";
import { useId, useState } from "react";
import { type Settlement, SettlementField } from "../settlement-field";

/** The server words the billing effect (core's describeDisputeCredit), so the toast says what happened. */
type Decided = { summary: string };
type Reclassified = { summary: string };

/**
 * Approve Dispute / Reject with a note (a rejection needs one: the client reads it). When the lead
 * was charged on an invoice paid by card, approving may refund that card instead of crediting the
 * account, as in the Action Center.
 */
export function DisputeDecisionForm({ leadId, refundableByCard }: { leadId: string; refundableByCard: boolean }) {
  const noteId = useId();
  const settlementId = useId();
  const [note, setNote] = useState("");
  const [settlement, setSettlement] = useState<Settlement>("credit");
  // The server decides once per key; the buttons are disabled while the call runs.
  const form = useApiForm<Decided>({
    url: `/api/provider/leads/${leadId}/dispute`,
    idempotent: true,
    success: (result) => result.summary,
    refresh: true,
  });
  const decide = (decision: "approve" | "reject") =>
    form.submit(
      {
        decision,
        note: note.trim() === "" ? undefined : note,
        ...(decision === "approve" && settlement === "refund_to_card" ? { settlement } : {}),
      },
      { key: decision },
    );

  return (
    <div className="mt-4 space-y-3 border-t border-line pt-4">
      {refundableByCard ? (
        <SettlementField id={settlementId} value={settlement} onChange={setSettlement} error={form.errors.settlement} />
      ) : null}
      <Field
        label="Decision note"
        htmlFor={noteId}
        error={form.errors.note}
        hint="Required to reject; the client sees it."
      >
        <Textarea
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={3}
          maxLength={2000}
        />
      </Field>
      <div className="flex gap-2">
        <Button variant="primary" disabled={form.pending} onClick={() => decide("approve")}>
          {form.pendingKey === "approve" ? "Approving…" : "Approve Dispute"}
        </Button>
        <Button variant="danger" disabled={form.pending} onClick={() => decide("reject")}>
          {form.pendingKey === "reject" ? "Rejecting…" : "Reject"}
        </Button>
      </div>
    </div>
  );
}

/** Reclassify Lead: a category of the client's trade and a required reason. */
export function ReclassifyLeadForm({
  leadId,
  current,
  categories,
}: {
  leadId: string;
  current: string;
  categories: { value: string; label: string }[];
}) {
  const categoryId = useId();
  const reasonId = useId();
  const [category, setCategory] = useState(current);
  const [reason, setReason] = useState("");
  const form = useApiForm<Reclassified>({
    url: `/api/provider/leads/${leadId}/reclassify`,
    success: (result) => result.summary,
    onSuccess: () => setReason(""),
    refresh: true,
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    void form.submit({ category, reason });
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <Field label="New category" htmlFor={categoryId} error={form.errors.category}>
        <Select id={categoryId} value={category} onChange={(event) => setCategory(event.target.value)}>
          {categories.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
              {option.value === current ? " — current" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reason" htmlFor={reasonId} error={form.errors.reason}>
        <Textarea
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={2}
          maxLength={2000}
          required
        />
      </Field>
      <Button type="submit" variant="primary" disabled={form.pending || category === current}>
        {form.pending ? "Reclassifying…" : "Reclassify Lead"}
      </Button>
    </form>
  );
}
