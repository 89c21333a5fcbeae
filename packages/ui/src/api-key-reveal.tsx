"use client";

import { Check, Copy, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "./button";
import { Input } from "./field";
import { toast } from "./toaster";

export type NewKey = { name: string; prefix: string; key?: string };

/** The whole key, once: a read-only box to copy it from and a warning that it will not be shown again. */
export function NewKeyReveal({ created, onDone }: { created: NewKey; onDone: () => void }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key ?? "");
      setCopied(true);
      toast.success("Key copied");
    } catch {
      toast.error("Copy failed — select the key and copy it yourself");
    }
  }

  if (!created.key) {
    return (
      <div role="alert" className="rounded-md border border-warn-600/40 bg-warn-50 p-4 text-sm text-warn-800">
        The key “{created.name}” ({created.prefix}) was already created by this request and its secret was shown then.
        It cannot be shown again — if nobody saved it, revoke it and create a new one.
        <div className="mt-3">
          <Button variant="secondary" size="sm" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    );
  }
  return (
    <section aria-label="New API key" className="rounded-md border border-warn-600/40 bg-warn-50 p-4">
      <p className="flex items-start gap-2 text-sm font-medium text-warn-800">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        Copy “{created.name}” now — you will not see this key again. Store it in a password manager or your
        integration's secret settings.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="new-api-key" className="sr-only">
          Your new API key
        </label>
        <Input
          id="new-api-key"
          readOnly
          value={created.key}
          onFocus={(event) => event.target.select()}
          className="min-w-80 flex-1 font-mono text-xs"
        />
        <Button variant="secondary" onClick={copy}>
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
          {copied ? "Copied" : "Copy key"}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </section>
  );
}
