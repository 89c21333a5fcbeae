"use client";

import type { FieldErrors } from "@pp/ui/api-client";
import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Dialog } from "@pp/ui/dialog";
import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, type ReactNode, useState } from "react";

export type DraftSetter<Draft> = (key: keyof Draft) => (event: { target: { value: string } }) => void;

type Props<Draft, Saved> = {
  /** "plan" or "coupon": the buttons read "New plan" / "Save plan". */
  noun: string;
  /** The row being edited (its name for the Edit button's label); absent for "New …". */
  editing?: { label: string };
  title: string;
  description: string;
  /** The form's starting values (the row's, or the defaults). */
  initialDraft: () => Draft;
  /** POST to create (idempotent), PATCH to edit. */
  url: string;
  body: (draft: Draft) => unknown;
  success: (saved: Saved) => string;
  fields: (props: { draft: Draft; set: DraftSetter<Draft>; errors: FieldErrors }) => ReactNode;
};

/** "New …" or a row's "Edit": a pricing form in a dialog; the server validates and names the fields. */
export function PricingFormDialog<Draft, Saved>({
  noun,
  editing,
  title,
  description,
  initialDraft,
  url,
  body,
  success,
  fields,
}: Props<Draft, Saved>) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(initialDraft);
  const form = useApiForm<Saved>({
    url,
    method: editing ? "PATCH" : "POST",
    idempotent: !editing,
    success,
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });

  function openForm(next: boolean) {
    if (next) {
      setDraft(initialDraft());
      form.reset();
    }
    setOpen(next);
  }

  const set: DraftSetter<Draft> = (key) => (event) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit(body(draft));
  }

  return (
    <>
      {editing ? (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => openForm(true)}
          aria-label={`Edit ${noun} ${editing.label}`}
        >
          <Pencil aria-hidden className="size-3.5" />
          Edit
        </Button>
      ) : (
        <Button variant="primary" onClick={() => openForm(true)}>
          <Plus aria-hidden className="size-4" />
          New {noun}
        </Button>
      )}
      <Dialog size="lg" open={open} onOpenChange={openForm} title={title} description={description}>
        <form onSubmit={submit} noValidate className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {fields({ draft, set, errors: form.errors })}
          <div className="flex justify-end gap-2 sm:col-span-2">
            <Button variant="ghost" onClick={() => openForm(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={form.pending}>
              {editing ? `Save ${noun}` : `Create ${noun}`}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
