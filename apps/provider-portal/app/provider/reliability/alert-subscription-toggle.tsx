"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Email me when an alert opens or resolves (per staff member). */
export function AlertSubscriptionToggle({ subscribed }: { subscribed: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function toggle() {
    setPending(true);
    try {
      await callApi("/api/provider/reliability/alert-subscription", {
        method: "POST",
        body: { subscribed: !subscribed },
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(
        subscribed ? "You will no longer get alert emails" : "You will get an email when an alert opens or resolves",
      );
      router.refresh();
    } catch (failure) {
      toast.error(describeFailure(failure));
    } finally {
      setPending(false);
    }
  }
  return (
    <Button onClick={toggle} disabled={pending} variant={subscribed ? "secondary" : "primary"}>
      {subscribed ? "Stop alert emails" : "Email me alerts"}
    </Button>
  );
}
