"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Add / Replace card: off to Stripe's hosted Checkout (the card is typed there, never here). */
export function CardSetupButton({ slug, replace }: { slug: string; replace: boolean }) {
  const [pending, setPending] = useState(false);
  async function start() {
    setPending(true);
    try {
      const { url } = await callApi<{ url: string }>(`/api/t/${slug}/billing/card`, {
        method: "POST",
        body: {},
        idempotencyKey: crypto.randomUUID(),
      });
      window.location.assign(url);
    } catch (error) {
      toast.error(describeFailure(error));
      setPending(false);
    }
  }
  return (
    <Button size="sm" variant={replace ? "secondary" : "primary"} disabled={pending} onClick={start}>
      {pending ? "Opening Stripe…" : replace ? "Replace card" : "Add a card"}
    </Button>
  );
}

type PayResult = { status: "paid" } | { status: "declined"; reason: string };

/** Pay now: charges the invoice's amount due to the saved card. */
export function PayNowButton({ slug, invoiceId, label }: { slug: string; invoiceId: string; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function pay() {
    setPending(true);
    try {
      const result = await callApi<PayResult>(`/api/t/${slug}/billing/invoices/${invoiceId}/pay`, {
        method: "POST",
        body: {},
        idempotencyKey: crypto.randomUUID(),
      });
      if (result.status === "paid") toast.success("Paid — thank you");
      else toast.error(result.reason);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(false);
    }
  }
  return (
    <Button size="sm" variant="primary" disabled={pending} onClick={pay}>
      {pending ? "Paying…" : label}
    </Button>
  );
}
