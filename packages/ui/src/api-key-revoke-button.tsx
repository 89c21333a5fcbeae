"use client";

import { useState } from "react";
import { useApiForm } from "./api-form";
import { Button } from "./button";

/** Two clicks: a revoked key stops working on its very next request, and there is no undo. */
export function RevokeKeyButton({ endpoint, name }: { endpoint: string; name: string }) {
  const [confirming, setConfirming] = useState(false);
  const form = useApiForm({
    url: endpoint,
    success: `“${name}” was revoked — requests with it are now refused`,
    refresh: true,
  });

  if (!confirming) {
    return (
      <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-1">
      <Button
        variant="danger"
        size="sm"
        pending={form.pending}
        onClick={() => void form.submit().finally(() => setConfirming(false))}
      >
        Confirm revoke
      </Button>
      <Button variant="ghost" size="sm" disabled={form.pending} onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
