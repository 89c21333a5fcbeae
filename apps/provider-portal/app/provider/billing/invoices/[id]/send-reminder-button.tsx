"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Send Reminder: the server sends at most one a day and answers a second click with when it went out. */
export function SendReminderButton({ invoiceId }: { invoiceId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function send() {
    setPending(true);
    try {
      const result = await callApi<{ to: string }>(`/api/provider/billing/invoices/${invoiceId}/remind`, {
        method: "POST",
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(`Reminder sent to ${result.to}`);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Button variant="primary" onClick={send} disabled={pending}>
      {pending ? "Sending…" : "Send Reminder"}
    </Button>
  );
}
