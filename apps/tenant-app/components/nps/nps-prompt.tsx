"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Field, Textarea } from "@pp/ui/field";
import clsx from "clsx";
import { X } from "lucide-react";
import { useId, useState } from "react";

const SCORES = Array.from({ length: 11 }, (_, score) => score);

/** The NPS question, once per 90 days for owners and dispatchers: 0–10, an optional comment, or dismiss. */
export function NpsPrompt({ slug, question }: { slug: string; question: string }) {
  const id = useId();
  const [open, setOpen] = useState(true);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const form = useApiForm({ url: `/api/t/${slug}/nps`, onSuccess: () => setOpen(false) });
  const pending = form.pending;
  if (!open) return null;

  function send(body: { action: "answer"; score: number; comment: string } | { action: "dismiss" }) {
    void form.submit(body, {
      success: body.action === "answer" ? "Thank you — your answer helps us improve" : undefined,
    });
  }

  return (
    <section
      aria-labelledby={`${id}-q`}
      className="mb-6 rounded-card border border-brand-600/30 bg-surface p-4 shadow-card"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id={`${id}-q`} className="text-sm font-semibold text-slate-900">
          {question}
        </h2>
        <button
          type="button"
          aria-label="Dismiss the survey"
          disabled={pending}
          onClick={() => send({ action: "dismiss" })}
          className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
        >
          <X className="size-4" aria-hidden />
        </button>
      </div>
      <fieldset className="mt-3">
        <legend className="sr-only">Score from 0 (not at all likely) to 10 (extremely likely)</legend>
        <div className="flex flex-wrap gap-1.5">
          {SCORES.map((value) => (
            <label
              key={value}
              className={clsx(
                "flex size-9 cursor-pointer items-center justify-center rounded-md border text-sm font-medium",
                score === value
                  ? "border-brand-600 bg-brand-600 text-white"
                  : "border-line text-slate-700 hover:border-slate-400",
              )}
            >
              <input
                type="radio"
                name={`${id}-score`}
                value={value}
                className="sr-only"
                onChange={() => setScore(value)}
              />
              {value}
            </label>
          ))}
        </div>
        <div className="mt-1 flex justify-between text-xs text-slate-500">
          <span>Not at all likely</span>
          <span>Extremely likely</span>
        </div>
      </fieldset>
      {score !== null ? (
        <div className="mt-3 space-y-3">
          <Field label="What is the main reason for your score? (optional)" htmlFor={`${id}-comment`}>
            <Textarea
              id={`${id}-comment`}
              rows={2}
              maxLength={2_000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </Field>
          <Button disabled={pending} onClick={() => send({ action: "answer", score, comment })}>
            {pending ? "Sending…" : "Send answer"}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
