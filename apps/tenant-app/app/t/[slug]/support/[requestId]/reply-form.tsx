"use client";

import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Textarea } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";

/** Reply on an open request. */
export function ReplyForm({ slug, requestId }: { slug: string; requestId: string }) {
  const router = useRouter();
  const noteId = useId();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await callApi(`/api/t/${slug}/support-requests/${requestId}/replies`, {
        method: "POST",
        body: { note },
        idempotencyKey: crypto.randomUUID(),
      });
      setNote("");
      toast.success("Reply sent");
      router.refresh();
    } catch (failure) {
      if (failure instanceof ApiError && failure.fieldErrors.note) setError(failure.fieldErrors.note);
      else toast.error(describeFailure(failure));
    } finally {
      setPending(false);
    }
  }

  return (
    <Card title="Reply">
      <form onSubmit={submit} className="space-y-3">
        <Field label="Your reply" htmlFor={noteId} error={error}>
          <Textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={10_000} />
        </Field>
        <Button type="submit" disabled={pending || note.trim() === ""}>
          {pending ? "Sending…" : "Send reply"}
        </Button>
      </form>
    </Card>
  );
}
