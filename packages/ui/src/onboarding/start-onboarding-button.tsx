"use client";

import { PlayCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useApiForm } from "../api-form";
import { Button } from "../button";

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
  const form = useApiForm({
    url,
    idempotent: true,
    success: `Onboarding started for ${tenantName}`,
    keepPending: true,
    refresh: true,
    onSuccess: () => router.push(checklistHref),
  });

  return (
    <Button
      size={size}
      variant={size === "sm" ? "secondary" : "primary"}
      onClick={() => void form.submit({})}
      pending={form.pending}
    >
      {form.pending ? null : <PlayCircle aria-hidden className="size-4" />}
      Start onboarding
    </Button>
  );
}
