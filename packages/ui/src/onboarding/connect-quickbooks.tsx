"use client";

import { useApiForm } from "../api-form";
import { Button } from "../button";

/** Starts Intuit's authorization: the server stores a short-lived state and answers with where to go. */
export function ConnectQuickbooks({ url, connected }: { url: string; connected: boolean }) {
  const form = useApiForm<{ authorizeUrl: string }>({
    url,
    keepPending: true,
    onSuccess: ({ authorizeUrl }) => window.location.assign(authorizeUrl),
  });
  return (
    <Button variant="secondary" size="sm" onClick={() => void form.submit()} pending={form.pending}>
      {connected ? "Reconnect QuickBooks" : "Connect QuickBooks"}
    </Button>
  );
}
