"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Textarea } from "@pp/ui/field";
import { type FormEvent, useId, useState } from "react";

/** Reply on an open request. */
export function ReplyForm({ slug, requestId }: { slug: string; requestId: string }) {
  const noteId = useId();
  const [note, setNote] = useState("");
  const form = useApiForm({
    url: `/api/t/${slug}/support-requests/${requestId}/replies`,
    idempotent: true,
    success: "Reply sent",
    refresh: true,
    onSuccess: () => setNote(""),
  });
  const pending = form.pending;

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({ note });
  }

  return (
    <Card title="Reply">
      <form onSubmit={submit} className="space-y-3">
        <Field label="Your reply" htmlFor={noteId} error={form.errors.note}>
          <Textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={10_000} />
        </Field>
        <Button type="submit" disabled={pending || note.trim() === ""}>
          {pending ? "Sending…" : "Send reply"}
        </Button>
      </form>
    </Card>
  );
}
