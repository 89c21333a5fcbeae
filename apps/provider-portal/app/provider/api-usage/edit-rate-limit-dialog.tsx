"use client";

import type { RateLimitSource } from "@pp/core/usage/api-usage-rate-limit";
import type { RateLimitPreview } from "@pp/core/usage/preview-rate-limit";
import type { SetTenantRateLimitResult } from "@pp/core/usage/set-tenant-rate-limit";
import { callApi, describeFailure } from "@pp/ui/api-client";
import { useApiForm } from "@pp/ui/api-form";
import { Button } from "@pp/ui/button";
import { Dialog, DialogClose } from "@pp/ui/dialog";
import { Field, Input, Textarea } from "@pp/ui/field";
import { formatCount, formatPercent } from "@pp/ui/format";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const SOURCE_LABELS: Record<RateLimitSource, string> = {
  override: "an override for this tenant",
  plan: "the plan's limit",
  default: "the API default",
};

type PreviewState =
  | { kind: "idle" }
  | { kind: "loading" }
  | { kind: "ready"; preview: RateLimitPreview }
  | { kind: "error"; message: string };

/**
 * "Edit limit" and its modal: type a limit, see what it would have refused over the last 30 days
 * (replayed from raw requests per minute), give a reason, save. Saving is audited server-side.
 */
export function EditRateLimitButton({
  tenantId,
  tenantName,
  limit,
  limitSource,
}: {
  tenantId: string;
  tenantName: string;
  limit: number;
  limitSource: RateLimitSource;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(String(limit));
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<PreviewState>({ kind: "idle" });
  const requested = /^\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
  const base = `/api/provider/tenants/${tenantId}/rate-limit`;

  useEffect(() => {
    if (!open) return;
    if (requested === undefined || requested < 1) {
      setPreview({ kind: "idle" });
      return;
    }
    let cancelled = false;
    setPreview({ kind: "loading" });
    // Wait for typing to pause before replaying 30 days.
    const timer = setTimeout(async () => {
      try {
        const result = await callApi<RateLimitPreview>(`${base}/preview?limit=${requested}`, { method: "GET" });
        if (!cancelled) setPreview({ kind: "ready", preview: result });
      } catch (error) {
        if (!cancelled) setPreview({ kind: "error", message: describeFailure(error) });
      }
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [open, requested, base]);

  const form = useApiForm<SetTenantRateLimitResult>({
    method: "PUT",
    url: base,
    success: (saved) =>
      `${tenantName}: ${formatCount(saved.requestsPerMinute)} requests/min — every instance enforces it within ${saved.effectiveWithinSeconds} s`,
    onSuccess: () => {
      setOpen(false);
      setReason("");
      router.refresh();
    },
  });
  const save = (requestsPerMinute: number | null) => form.submit({ requestsPerMinute, reason });

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setValue(String(limit));
          form.reset();
        }
      }}
      trigger={
        <Button variant="secondary" size="sm" aria-label={`Edit limit for ${tenantName}`}>
          Edit limit
        </Button>
      }
      title={`API rate limit · ${tenantName}`}
      description={`Now ${formatCount(limit)} requests per minute, from ${SOURCE_LABELS[limitSource]}.`}
      onSubmit={() => {
        if (requested === undefined) {
          form.setErrors({ requestsPerMinute: "Enter a whole number of requests per minute" });
          return;
        }
        void save(requested);
      }}
      footer={
        <>
          {limitSource === "override" ? (
            <Button
              variant="ghost"
              size="sm"
              className="mr-auto"
              disabled={form.pending}
              onClick={() => void save(null)}
            >
              Use the plan's limit
            </Button>
          ) : null}
          <DialogClose>
            <Button variant="secondary" disabled={form.pending}>
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" variant="primary" pending={form.pending}>
            Save limit
          </Button>
        </>
      }
    >
      <Field label="New limit (requests per minute)" htmlFor="rate-limit-value" error={form.errors.requestsPerMinute}>
        <Input
          inputMode="numeric"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoComplete="off"
        />
      </Field>
      <PreviewPanel state={preview} />
      <Field label="Reason" htmlFor="rate-limit-reason" error={form.errors.reason} hint="Kept in the audit log.">
        <Textarea
          rows={2}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. Nightly CRM sync needs more headroom"
        />
      </Field>
    </Dialog>
  );
}

function PreviewPanel({ state }: { state: PreviewState }) {
  if (state.kind === "idle") return null;
  if (state.kind === "loading") {
    return (
      <p role="status" className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-500">
        Replaying the last 30 days…
      </p>
    );
  }
  if (state.kind === "error") {
    return <p className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">{state.message}</p>;
  }
  const { preview } = state;
  const share = preview.requests > 0 ? preview.refusedRequests / preview.requests : 0;
  return (
    <div
      role="status"
      data-testid="rate-limit-preview"
      className={
        preview.refusedRequests > 0
          ? "rounded-md bg-warn-50 px-3 py-2 text-sm text-warn-800"
          : "rounded-md bg-success-50 px-3 py-2 text-sm text-success-800"
      }
    >
      {preview.refusedRequests > 0 ? (
        <p>
          At {formatCount(preview.limit)}/min, <strong>{formatCount(preview.refusedRequests)}</strong> of the last 30
          days' {formatCount(preview.requests)} API requests ({formatPercent(share, 2)}) would have been refused, in{" "}
          {formatCount(preview.limitedMinutes)} {preview.limitedMinutes === 1 ? "minute" : "minutes"}.
        </p>
      ) : (
        <p>
          At {formatCount(preview.limit)}/min, none of the last 30 days' {formatCount(preview.requests)} API requests
          would have been refused.
        </p>
      )}
      <p className="mt-1 text-xs opacity-80">
        Busiest minute:{" "}
        {preview.busiestMinute ? `${formatCount(preview.busiestMinute.requests)} requests` : "no requests"}. Today's{" "}
        {formatCount(preview.current.limit)}/min would have refused {formatCount(preview.current.refusedRequests)}.
      </p>
    </div>
  );
}
