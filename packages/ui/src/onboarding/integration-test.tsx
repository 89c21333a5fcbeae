"use client";

import clsx from "clsx";
import { useState } from "react";
import { callApi, describeFailure } from "../api-client";
import { Button } from "../button";
import { Input } from "../field";

/** "Send test email" / "Check calendar feed" on an integration step: the result, in place. */
export function IntegrationTest({ url, kind, onDone }: { url: string; kind: string; onDone: () => void }) {
  const [to, setTo] = useState("");
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function run() {
    setPending(true);
    try {
      const outcome = await callApi<{ ok: boolean; message: string }>(url, {
        method: "POST",
        body: kind === "email" && to ? { to } : {},
      });
      setResult(outcome);
      onDone();
    } catch (error) {
      setResult({ ok: false, message: describeFailure(error) });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {kind === "email" ? (
        <Input
          aria-label="Send the test email to"
          placeholder="Send test to (default: you)"
          className="w-64"
          type="email"
          value={to}
          onChange={(event) => setTo(event.target.value)}
        />
      ) : null}
      <Button variant="secondary" size="sm" onClick={run} pending={pending}>
        {kind === "email" ? "Send test email" : "Check calendar feed"}
      </Button>
      {result ? (
        <span role="status" className={clsx("text-xs", result.ok ? "text-success-700" : "text-danger-700")}>
          {result.message}
        </span>
      ) : null}
    </div>
  );
}
