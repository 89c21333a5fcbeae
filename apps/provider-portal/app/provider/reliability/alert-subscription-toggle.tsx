"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";

/** Email me when an alert opens or resolves (per staff member). */
export function AlertSubscriptionToggle({ subscribed }: { subscribed: boolean }) {
  const form = useApiForm({
    url: "/api/provider/reliability/alert-subscription",
    idempotent: true,
    refresh: true,
    success: subscribed
      ? "You will no longer get alert emails"
      : "You will get an email when an alert opens or resolves",
  });
  return (
    <Button
      onClick={() => void form.submit({ subscribed: !subscribed })}
      disabled={form.pending}
      variant={subscribed ? "secondary" : "primary"}
    >
      {subscribed ? "Stop alert emails" : "Email me alerts"}
    </Button>
  );
}
