"use client";

import clsx from "clsx";
import { useState } from "react";
import { useApiForm } from "../api-form";
import { Button } from "../button";
import { Input } from "../field";

type Outcome = { ok: boolean; message: string };

/** "Send test email" / "Check calendar feed" on an integration step: the result, in place. */
export function IntegrationTest({ url, kind, onDone }: { url: string; kind: string; onDone: () => void }) {
  const [to, setTo] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useApiForm<Outcome>({
    url,
    inlineError: true,
    onSuccess: (result) => {
      setOutcome(result);
      onDone();
    },
  });
  // A failed call reads like a failed check: in the same place, in red.
  const result = form.error ? { ok: false, message: form.error } : outcome;

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
      <Button
        variant="secondary"
        size="sm"
        onClick={() => void form.submit(kind === "email" && to ? { to } : {})}
        pending={form.pending}
      >
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
