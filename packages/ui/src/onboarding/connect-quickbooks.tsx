"use client";

import { useState } from "react";
import { callApi, describeFailure } from "../api-client";
import { Button } from "../button";
import { toast } from "../toaster";

/** Starts Intuit's authorization: the server stores a short-lived state and answers with where to go. */
export function ConnectQuickbooks({ url, connected }: { url: string; connected: boolean }) {
  const [pending, setPending] = useState(false);
  async function connect() {
    setPending(true);
    try {
      const { authorizeUrl } = await callApi<{ authorizeUrl: string }>(url, { method: "POST" });
      window.location.assign(authorizeUrl);
    } catch (error) {
      toast.error(describeFailure(error));
      setPending(false);
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={connect} pending={pending}>
      {connected ? "Reconnect QuickBooks" : "Connect QuickBooks"}
    </Button>
  );
}
