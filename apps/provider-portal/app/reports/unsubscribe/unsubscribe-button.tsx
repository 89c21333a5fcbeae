"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { useState } from "react";

/** One click, no session: the signed token in the URL is the proof. */
export function UnsubscribeButton({ token }: { token: string }) {
  const [done, setDone] = useState(false);
  const form = useApiForm({
    url: `/api/reports/unsubscribe?token=${encodeURIComponent(token)}`,
    inlineError: true,
    onSuccess: () => setDone(true),
  });
  if (done) {
    return (
      <p role="status" className="text-sm text-slate-700">
        You are unsubscribed. No more digests will be sent.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      <Button className="w-full" pending={form.pending} onClick={() => void form.submit()}>
        Unsubscribe
      </Button>
      {form.error ? (
        <p role="alert" className="text-sm text-danger-700">
          {form.error}
        </p>
      ) : null}
    </div>
  );
}
