"use client";

import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Input, Textarea } from "@pp/ui/field";
import { useRouter } from "next/navigation";
import { type FormEvent, useId, useState } from "react";

/** Subject, description and urgency; sends the request and opens it. */
export function SupportRequestForm({
  slug,
  urgencies,
}: {
  slug: string;
  urgencies: { value: string; label: string; description: string }[];
}) {
  const router = useRouter();
  const subjectId = useId();
  const descriptionId = useId();
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [urgency, setUrgency] = useState("degraded");
  const form = useApiForm<{ id: string }>({
    url: `/api/t/${slug}/support-requests`,
    idempotent: true,
    success: "Request sent — we will reply here and by email",
    keepPending: true,
    onSuccess: (request) => router.push(`/t/${slug}/support/${request.id}`),
  });
  const { errors, pending } = form;

  function submit(event: FormEvent) {
    event.preventDefault();
    void form.submit({ subject, description, urgency });
  }

  return (
    <Card className="max-w-2xl">
      <form onSubmit={submit} className="space-y-4">
        <Field label="Subject" htmlFor={subjectId} error={errors.subject}>
          <Input id={subjectId} value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={200} required />
        </Field>
        <Field
          label="Description"
          htmlFor={descriptionId}
          error={errors.description}
          hint="What happened, and since when"
        >
          <Textarea
            id={descriptionId}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            rows={5}
            maxLength={10_000}
            required
          />
        </Field>
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">How urgent is it?</legend>
          <div className="space-y-2">
            {urgencies.map((option) => (
              <label key={option.value} className="flex items-start gap-2 rounded-lg border border-line p-3 text-sm">
                <input
                  type="radio"
                  name="urgency"
                  value={option.value}
                  checked={urgency === option.value}
                  onChange={() => setUrgency(option.value)}
                  className="mt-0.5"
                />
                <span>
                  <span className="font-medium text-slate-900">{option.label}</span>
                  <span className="block text-xs text-slate-500">{option.description}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.urgency ? <p className="mt-1 text-xs text-danger-700">{errors.urgency}</p> : null}
        </fieldset>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Sending…" : "Send request"}
        </Button>
      </form>
    </Card>
  );
}
