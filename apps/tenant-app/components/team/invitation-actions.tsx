"use client";

import { callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { useState } from "react";

type Invitation = { id: string; email: string; role: string };

/** Resend (refreshes the 7-day expiry and emails again) and revoke a pending invitation. */
export function InvitationActions({ slug, invitation }: { slug: string; invitation: Invitation }) {
  const router = useRouter();
  const [pending, setPending] = useState<"resend" | "revoke" | null>(null);

  async function run(action: "resend" | "revoke") {
    setPending(action);
    try {
      if (action === "resend") {
        await callApi(`/api/t/${slug}/team/invitations`, {
          method: "POST",
          body: { email: invitation.email, role: invitation.role },
          idempotencyKey: crypto.randomUUID(),
        });
        toast.success(`Invitation to ${invitation.email} sent again`);
      } else {
        await callApi(`/api/t/${slug}/team/invitations/${invitation.id}`, { method: "DELETE" });
        toast.success(`Invitation to ${invitation.email} revoked`);
      }
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(null);
    }
  }

  return (
    <span className="inline-flex items-center gap-1">
      <Button
        variant="ghost"
        size="sm"
        pending={pending === "resend"}
        disabled={pending !== null}
        onClick={() => run("resend")}
      >
        Resend
      </Button>
      <Button
        variant="ghost"
        size="sm"
        pending={pending === "revoke"}
        disabled={pending !== null}
        onClick={() => run("revoke")}
      >
        Revoke
      </Button>
    </span>
  );
}
