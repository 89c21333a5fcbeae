"use client";

import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { Field, Input, Textarea } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const request = await callApi<{ id: string }>(`/api/t/${slug}/support-requests`, {
        method: "POST",
        body: { subject, description, urgency },
        idempotencyKey: crypto.randomUUID(),
      });
      toast.success("Request sent — we will reply here and by email");
      router.push(`/t/${slug}/support/${request.id}`);
    } catch (failure) {
      if (failure instanceof ApiError && Object.keys(failure.fieldErrors).length > 0) setErrors(failure.fieldErrors);
      else toast.error(describeFailure(failure));
      setPending(false);
    }
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
