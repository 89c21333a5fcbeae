"use client";

import { PlayCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeFailure } from "../api-client";
import { Button } from "../button";
import { toast } from "../toaster";

/**
 * Starts onboarding from the tenant's trade template (POST `url`), then opens the checklist — in the
 * portal for staff, in the tenant app for the owner.
 */
export function StartOnboardingButton({
  url,
  checklistHref,
  tenantName,
  size = "sm",
}: {
  url: string;
  checklistHref: string;
  tenantName: string;
  size?: "sm" | "md";
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    try {
      await callApi(url, { method: "POST", body: {}, idempotencyKey: crypto.randomUUID() });
      toast.success(`Onboarding started for ${tenantName}`);
      router.push(checklistHref);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
      setPending(false);
    }
  }

  return (
    <Button size={size} variant={size === "sm" ? "secondary" : "primary"} onClick={start} pending={pending}>
      {pending ? null : <PlayCircle aria-hidden className="size-4" />}
      Start onboarding
    </Button>
  );
}
