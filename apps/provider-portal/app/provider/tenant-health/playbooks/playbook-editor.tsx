"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Dialog } from "@pp/ui/dialog";
import { Field, Input, Select, Textarea } from "@pp/ui/field";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { OWNER_LABELS, type StepOwner } from "./owner-labels";

/** A playbook template as the page hands it to the browser. */
export type PlaybookRow = {
  id: string;
  name: string;
  description: string | null;
  steps: { title: string; dueInDays: number; owner: StepOwner }[];
};

type DraftStep = { title: string; dueInDays: string; owner: StepOwner };
type Draft = { name: string; description: string; steps: DraftStep[] };

function draftOf(playbook: PlaybookRow): Draft {
  return {
    name: playbook.name,
    description: playbook.description ?? "",
    steps: playbook.steps.map((step) => ({ ...step, dueInDays: String(step.dueInDays) })),
  };
}

/** Whole days as typed; anything else goes to the server as text so its message names the field. */
function daysOf(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

/** An admin's "Edit" on a playbook template: name, description and each task's title, due offset and owner. */
export function PlaybookEditor({ playbook }: { playbook: PlaybookRow }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(playbook));
  const form = useApiForm<PlaybookRow>({
    url: `/api/provider/tasks/playbooks/${playbook.id}`,
    method: "PUT",
    success: (saved) => `Playbook "${saved.name}" saved; runs started from now on use it`,
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const id = (key: string) => `playbook-${playbook.id}-${key}`;

  function openForm(next: boolean) {
    if (next) {
      setDraft(draftOf(playbook));
      form.reset();
    }
    setOpen(next);
  }

  function setStep(index: number, change: Partial<DraftStep>) {
    setDraft((current) => ({
      ...current,
      steps: current.steps.map((step, at) => (at === index ? { ...step, ...change } : step)),
    }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({
      name: draft.name,
      description: draft.description.trim() === "" ? null : draft.description,
      steps: draft.steps.map((step) => ({ title: step.title, dueInDays: daysOf(step.dueInDays), owner: step.owner })),
    });
  }

  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => openForm(true)}
        aria-label={`Edit playbook ${playbook.name}`}
      >
        <Pencil aria-hidden className="size-3.5" />
        Edit
      </Button>
      <Dialog
        size="lg"
        open={open}
        onOpenChange={openForm}
        title={`Edit playbook ${playbook.name}`}
        description="Runs already started keep their tasks; the next run uses these."
      >
        <form onSubmit={submit} noValidate className="grid gap-4">
          <Field label="Name" htmlFor={id("name")} error={form.errors.name}>
            <Input
              id={id("name")}
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
            />
          </Field>
          <Field label="Description" htmlFor={id("description")} error={form.errors.description}>
            <Textarea
              id={id("description")}
              rows={2}
              value={draft.description}
              onChange={(event) => setDraft({ ...draft, description: event.target.value })}
            />
          </Field>
          <fieldset className="grid gap-3">
            <legend className="mb-1 text-sm font-medium text-slate-900">Tasks</legend>
            {form.errors.steps ? <p className="text-sm text-danger-700">Tasks {form.errors.steps}</p> : null}
            {draft.steps.map((step, index) => (
              // Steps have no identity of their own: their position is their key.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <div key={index} className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[1fr_7rem_13rem_auto]">
                <Field
                  label={`Task ${index + 1} title`}
                  htmlFor={id(`step-${index}-title`)}
                  error={form.errors[`steps.${index}.title`]}
                >
                  <Input
                    id={id(`step-${index}-title`)}
                    value={step.title}
                    onChange={(event) => setStep(index, { title: event.target.value })}
                  />
                </Field>
                <Field
                  label="Due after (days)"
                  htmlFor={id(`step-${index}-due`)}
                  error={form.errors[`steps.${index}.dueInDays`]}
                >
                  <Input
                    id={id(`step-${index}-due`)}
                    inputMode="numeric"
                    value={step.dueInDays}
                    onChange={(event) => setStep(index, { dueInDays: event.target.value })}
                  />
                </Field>
                <Field
                  label="Default owner"
                  htmlFor={id(`step-${index}-owner`)}
                  error={form.errors[`steps.${index}.owner`]}
                >
                  <Select
                    id={id(`step-${index}-owner`)}
                    value={step.owner}
                    onChange={(event) => setStep(index, { owner: event.target.value as StepOwner })}
                  >
                    {Object.entries(OWNER_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove task ${index + 1}`}
                  disabled={draft.steps.length === 1}
                  onClick={() => setDraft({ ...draft, steps: draft.steps.filter((_, at) => at !== index) })}
                >
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </div>
            ))}
            <div>
              <Button
                variant="secondary"
                size="sm"
                disabled={draft.steps.length >= 20}
                onClick={() =>
                  setDraft({ ...draft, steps: [...draft.steps, { title: "", dueInDays: "7", owner: "csm" }] })
                }
              >
                <Plus aria-hidden className="size-3.5" />
                Add task
              </Button>
            </div>
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => openForm(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" pending={form.pending}>
              Save playbook
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
