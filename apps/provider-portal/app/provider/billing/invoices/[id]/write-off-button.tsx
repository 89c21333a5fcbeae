"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

/**
 * Write off: asks why, then stops pursuing the invoice (it leaves every money-owed view). Audited;
 * the reason is kept with the amount written off.
 */
export function WriteOffButton({ invoiceId, amountDue }: { invoiceId: string; amountDue: string }) {
  const router = useRouter();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function writeOff() {
    setPending(true);
    setError(null);
    try {
      await callApi(`/api/provider/billing/invoices/${invoiceId}/write-off`, {
        method: "POST",
        body: { reason },
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(`${amountDue} written off`);
      setOpen(false);
      router.refresh();
    } catch (failure) {
      const message = describeFailure(failure);
      setError(message);
      toast.error(message);
    } finally {
      setPending(false);
    }
  }

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
        void writeOff();
      }}
    >
      <label htmlFor={reasonId} className="sr-only">
        Why is this invoice written off?
      </label>
      <div>
        <input
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Why? (kept in the audit log)"
          maxLength={2_000}
          required
          aria-invalid={error ? true : undefined}
          className="h-9 w-64 rounded-md border border-line bg-surface px-2 text-sm"
        />
        {error ? <p className="mt-1 max-w-64 text-xs text-danger-700">{error}</p> : null}
      </div>
      <Button type="submit" variant="danger" disabled={pending || reason.trim() === ""}>
        {pending ? "Writing off…" : `Write off ${amountDue}`}
      </Button>
      <Button type="button" variant="ghost" onClick={() => setOpen(false)} disabled={pending}>
        Cancel
      </Button>
    </form>
  );
}
