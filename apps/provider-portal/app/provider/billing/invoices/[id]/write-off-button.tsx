"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Input } from "@pp/ui/field";
import { useId, useState } from "react";

/**
 * Write off: asks why, then stops pursuing the invoice (it leaves every money-owed view). Audited;
 * the reason is kept with the amount written off.
 */
export function WriteOffButton({ invoiceId, amountDue }: { invoiceId: string; amountDue: string }) {
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  // A refusal (already paid, already written off) shows where the reason was typed.
  const form = useApiForm({
    url: `/api/provider/billing/invoices/${invoiceId}/write-off`,
    idempotent: true,
    refresh: true,
    inlineError: true,
    success: `${amountDue} written off`,
    onSuccess: () => setOpen(false),
  });

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Write off
      </Button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({ reason });
      }}
    >
      <Field
        label={<span className="sr-only">Why is this invoice written off?</span>}
        htmlFor={reasonId}
        error={form.errors.reason ?? form.error}
        className="w-64"
      >
        <Input
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Why? (kept in the audit log)"
          maxLength={2_000}
          required
        />
      </Field>
      <Button type="submit" variant="danger" disabled={form.pending || reason.trim() === ""}>
        {form.pending ? "Writing off…" : `Write off ${amountDue}`}
      </Button>
      <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={form.pending}>
        Cancel
      </Button>
    </form>
  );
}
