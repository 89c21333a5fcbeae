"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Dialog, DialogClose } from "@pp/ui/dialog";
import { Field, Input } from "@pp/ui/field";
import { centsOf, formatCents } from "@pp/ui/format";
import { Check, ChevronRight, Trophy, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";

export type PipelineView = {
  stages: { key: string; label: string }[];
  /** Where the lead sits; null when it is won or lost. */
  currentIndex: number | null;
  status: string;
  wonValueCents: number | null;
};

type Moved = { status: string; stageLabel: string | null };

/** The move call both the lead page and the list's quick action make; the page refreshes after it. */
function useMoveLead(slug: string, leadId: string) {
  const router = useRouter();
  return useApiForm<Moved>({
    url: `/api/t/${slug}/leads/${leadId}/move`,
    idempotent: true,
    success: (moved) =>
      moved.status === "won" ? "Marked won" : moved.status === "lost" ? "Marked lost" : `Moved to ${moved.stageLabel}`,
    onSuccess: () => router.refresh(),
  });
}

/** The list's quick action: one click moves a lead to its next stage. */
export function NextStageButton({
  slug,
  leadId,
  next,
}: {
  slug: string;
  leadId: string;
  next: { key: string; label: string };
}) {
  const form = useMoveLead(slug, leadId);
  return (
    <Button
      size="sm"
      variant="secondary"
      disabled={form.pending}
      aria-label={`Move to ${next.label}`}
      onClick={() => void form.submit({ to: "stage", stage: next.key })}
    >
      {next.label}
      <ChevronRight aria-hidden className="size-3.5" />
    </Button>
  );
}

/** Moves a lead along the tenant's pipeline, or marks it won (with the job's value) or lost. */
export function LeadPipeline({ slug, leadId, pipeline }: { slug: string; leadId: string; pipeline: PipelineView }) {
  const form = useMoveLead(slug, leadId);
  const { stages, currentIndex, status } = pipeline;
  const next = currentIndex === null ? undefined : stages[currentIndex + 1];
  const closed = status === "won" || status === "lost";

  return (
    <div className="space-y-4">
      <ol aria-label="Pipeline" className="flex flex-wrap items-center gap-1.5 text-xs">
        {stages.map((stage, index) => {
          const here = index === currentIndex;
          const done = currentIndex !== null && index < currentIndex;
          return (
            <li key={stage.key} className="flex items-center gap-1.5">
              {index > 0 ? <ChevronRight aria-hidden className="size-3 text-slate-500" /> : null}
              <span
                aria-current={here ? "step" : undefined}
                className={
                  here
                    ? "rounded-full bg-brand-600 px-2.5 py-1 font-semibold text-white"
                    : done
                      ? "rounded-full bg-brand-50 px-2.5 py-1 text-brand-700"
                      : "rounded-full bg-slate-100 px-2.5 py-1 text-slate-600"
                }
              >
                {done ? <Check aria-hidden className="mr-1 inline size-3" /> : null}
                {stage.label}
              </span>
            </li>
          );
        })}
      </ol>
      {status === "won" ? (
        <p className="text-sm text-slate-700">
          Won{pipeline.wonValueCents === null ? "" : ` — a ${formatCents(pipeline.wonValueCents)} job`}. A won lead is
          final.
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {next ? (
          <Button disabled={form.pending} onClick={() => void form.submit({ to: "stage", stage: next.key })}>
            Move to {next.label}
          </Button>
        ) : null}
        {status === "lost" && stages[1] ? (
          <Button
            variant="secondary"
            disabled={form.pending}
            onClick={() => void form.submit({ to: "stage", stage: stages[1]?.key })}
          >
            Reopen at {stages[1].label}
          </Button>
        ) : null}
        {closed ? null : (
          <>
            <MarkWonDialog slug={slug} leadId={leadId} />
            <Button variant="ghost" disabled={form.pending} onClick={() => void form.submit({ to: "lost" })}>
              <X aria-hidden className="size-4" />
              Mark lost
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function MarkWonDialog({ slug, leadId }: { slug: string; leadId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState("");
  const form = useApiForm<Moved>({
    url: `/api/t/${slug}/leads/${leadId}/move`,
    idempotent: true,
    success: "Marked won",
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary">
          <Trophy aria-hidden className="size-4" />
          Mark won
        </Button>
      }
      title="Mark this lead won"
      description="Record what the job is worth; it shows on your dashboard's pipeline."
      size="sm"
      onSubmit={(event) => {
        event.preventDefault();
        void form.submit({ to: "won", wonValueCents: centsOf(value) });
      }}
      footer={
        <>
          <DialogClose>
            <Button variant="ghost">Cancel</Button>
          </DialogClose>
          <Button type="submit" disabled={form.pending}>
            Mark won
          </Button>
        </>
      }
    >
      <Field label="Job value (USD)" htmlFor="won-value" error={form.errors.wonValueCents}>
        <Input
          id="won-value"
          inputMode="decimal"
          placeholder="e.g. 1,250.00"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          required
        />
      </Field>
    </Dialog>
  );
}
