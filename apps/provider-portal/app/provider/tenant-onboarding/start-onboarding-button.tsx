"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { PlayCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";

/** Starts the tenant's onboarding from its trade's template, then opens the checklist. */
export function StartOnboardingButton({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    try {
      await callApi(`/api/provider/onboarding/${tenantId}`, {
        method: "POST",
        body: {},
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success(`Onboarding started for ${tenantName}`);
      router.push(`/provider/tenant-onboarding/${tenantId}`);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
      setPending(false);
    }
  }

  return (
    <Button size="sm" variant="secondary" onClick={start} pending={pending}>
      {pending ? null : <PlayCircle aria-hidden className="size-4" />}
      Start onboarding
    </Button>
  );
}
