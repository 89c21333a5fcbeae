"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Textarea } from "@pp/ui/field";
import { useId, useState } from "react";

/** Add a plain-text note: line breaks are kept, nothing is read as HTML. */
export function NoteForm({ tenantId }: { tenantId: string }) {
  const id = useId();
  const [body, setBody] = useState("");
  const [pinned, setPinned] = useState(false);
  const { submit, pending, errors } = useApiForm({
    url: `/api/provider/tenants/${tenantId}/notes`,
    idempotent: true,
    refresh: true,
    fieldErrorsToast: true,
    success: "Note added",
    onSuccess: () => {
      setBody("");
      setPinned(false);
    },
  });
  return (
    <form
      aria-label="Add note"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        void submit({ body, pinned });
      }}
    >
      <Field label="Note" htmlFor={`${id}-body`} error={errors.body}>
        <Textarea
          id={`${id}-body`}
          rows={4}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          maxLength={10_000}
          required
        />
      </Field>
      <div className="flex items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={pinned} onChange={(event) => setPinned(event.target.checked)} />
          Pin to the top
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add note"}
        </Button>
      </div>
    </form>
  );
}
