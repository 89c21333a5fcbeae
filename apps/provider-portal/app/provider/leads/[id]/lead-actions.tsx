"use client";

import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Select, Textarea } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/** The server words the billing effect (core's describeDisputeCredit), so the toast says what happened. */
type DecisionResult = { summary: string };
type Reclassified = { summary: string };

/** Approve Dispute / Reject with a note (a rejection needs one: the client reads it). */
export function DisputeDecisionForm({ leadId }: { leadId: string }) {
  const router = useRouter();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState<"approve" | "reject" | null>(null);

  async function decide(decision: "approve" | "reject") {
    setPending(decision);
    setError(undefined);
    try {
      const result = await callApi<DecisionResult>(`/api/provider/leads/${leadId}/dispute`, {
        method: "POST",
        body: { decision, note: note.trim() === "" ? undefined : note },
        // The server decides once per key; the button is disabled while the call runs.
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(result.summary);
      router.refresh();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.note) setError(failure.fieldErrors.note);
      else toast.error(describeFailure(failure));
    } finally {
      setPending(null);
    }
  }

  return (
    <div className="mt-4 space-y-3 border-t border-line pt-4">
      <Field label="Decision note" htmlFor={noteId} error={error} hint="Required to reject; the client sees it.">
        <Textarea
          id={noteId}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          rows={3}
          maxLength={2000}
        />
      </Field>
      <div className="flex gap-2">
        <Button variant="primary" disabled={pending !== null} onClick={() => decide("approve")}>
          {pending === "approve" ? "Approving…" : "Approve Dispute"}
        </Button>
        <Button variant="danger" disabled={pending !== null} onClick={() => decide("reject")}>
          {pending === "reject" ? "Rejecting…" : "Reject"}
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
  const router = useRouter();
  const categoryId = useId();
  const reasonId = useId();
  const [category, setCategory] = useState(current);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const result = await callApi<Reclassified>(`/api/provider/leads/${leadId}/reclassify`, {
        method: "POST",
        body: { category, reason },
      });
      toast.success(result.summary);
      setReason("");
      router.refresh();
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fieldErrors).length > 0) setErrors(failure.fieldErrors);
      else toast.error(describeFailure(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <Field label="New category" htmlFor={categoryId} error={errors.category}>
        <Select id={categoryId} value={category} onChange={(event) => setCategory(event.target.value)}>
          {categories.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
              {option.value === current ? " — current" : ""}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Reason" htmlFor={reasonId} error={errors.reason}>
        <Textarea
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={2}
          maxLength={2000}
          required
        />
      </Field>
      <Button type="submit" variant="primary" disabled={pending || category === current}>
        {pending ? "Reclassifying…" : "Reclassify Lead"}
      </Button>
    </form>
  );
}
