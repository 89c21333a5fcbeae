"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";

/** Send Reminder: the server sends at most one a day and answers a second click with when it went out. */
export function SendReminderButton({ invoiceId }: { invoiceId: string }) {
  const form = useApiForm<{ to: string }>({
    url: `/api/provider/billing/invoices/${invoiceId}/remind`,
    idempotent: true,
    refresh: true,
    success: (result) => `Reminder sent to ${result.to}`,
  });

  return (
    <Button variant="primary" onClick={() => void form.submit()} disabled={form.pending}>
      {form.pending ? "Sending…" : "Send Reminder"}
    </Button>
  );
}
