"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeFailure } from "./api-client";
import { Button } from "./button";
import { toast } from "./toaster";

/** Two clicks: a revoked key stops working on its very next request, and there is no undo. */
export function RevokeKeyButton({ endpoint, name }: { endpoint: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);

  async function revoke() {
    setPending(true);
    try {
      await callApi(endpoint, { method: "POST" });
      toast.success(`“${name}” was revoked — requests with it are now refused`);
      router.refresh();
    } catch (error) {
      toast.error(describeFailure(error));
    } finally {
      setPending(false);
      setConfirming(false);
    }
  }

  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-1">
      <Button variant="danger" size="sm" pending={pending} onClick={revoke}>
        Confirm revoke
      </Button>
      <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
