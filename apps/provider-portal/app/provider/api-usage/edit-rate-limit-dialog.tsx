"use client";

import type { RateLimitSource } from "@pp/core/usage/api-usage-rate-limit";
import type { RateLimitPreview } from "@pp/core/usage/preview-rate-limit";
import type { SetTenantRateLimitResult } from "@pp/core/usage/set-tenant-rate-limit";
import { ApiError, callApi, describeFailure } from "@pp/ui/api-client";
import { Button } from "@pp/ui/button";
import { Field, Input, Textarea } from "@pp/ui/field";
import { toast } from "@pp/ui/toaster";
import * as Dialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

const count = new Intl.NumberFormat("en-US");
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 2 });
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
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

  async function save(requestsPerMinute: number | null) {
    setPending(true);
    setErrors({});
    try {
      const saved = await callApi<SetTenantRateLimitResult>(base, {
        method: "PUT",
        body: { requestsPerMinute, reason },
      });
      toast.success(
        `${tenantName}: ${count.format(saved.requestsPerMinute)} requests/min — every instance enforces it within ${saved.effectiveWithinSeconds} s`,
      );
      setOpen(false);
      setReason("");
      router.refresh();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) setErrors(error.fieldErrors);
      else toast.error(describeFailure(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setValue(String(limit));
          setErrors({});
        }
      }}
    >
      <Dialog.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Edit limit for ${tenantName}`}>
          Edit limit
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(520px,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-card border border-slate-200 bg-white text-left shadow-2xl focus:outline-none">
          <header className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4">
            <div className="min-w-0">
              <Dialog.Title className="text-base font-semibold text-slate-900">
                API rate limit · {tenantName}
              </Dialog.Title>
              <Dialog.Description className="mt-0.5 text-xs text-slate-500">
                Now {count.format(limit)} requests per minute, from {SOURCE_LABELS[limitSource]}.
              </Dialog.Description>
            </div>
            <Dialog.Close
              aria-label="Close"
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900"
            >
              <X className="size-4" aria-hidden />
            </Dialog.Close>
          </header>
          <form
            className="space-y-4 px-5 py-4"
            onSubmit={(event) => {
              event.preventDefault();
              if (requested === undefined) {
                setErrors({ requestsPerMinute: "Enter a whole number of requests per minute" });
                return;
              }
              void save(requested);
            }}
          >
            <Field label="New limit (requests per minute)" htmlFor="rate-limit-value" error={errors.requestsPerMinute}>
              <Input
                id="rate-limit-value"
                inputMode="numeric"
                value={value}
                onChange={(event) => setValue(event.target.value)}
                autoComplete="off"
              />
            </Field>
            <PreviewPanel state={preview} />
            <Field label="Reason" htmlFor="rate-limit-reason" error={errors.reason} hint="Kept in the audit log.">
              <Textarea
                id="rate-limit-reason"
                rows={2}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                placeholder="e.g. Nightly CRM sync needs more headroom"
              />
            </Field>
            <div className="flex items-center justify-between gap-2 pt-1">
              {limitSource === "override" ? (
                <Button variant="ghost" size="sm" disabled={pending} onClick={() => void save(null)}>
                  Use the plan's limit
                </Button>
              ) : (
                <span />
              )}
              <div className="flex items-center gap-2">
                <Dialog.Close asChild>
                  <Button variant="secondary" disabled={pending}>
                    Cancel
                  </Button>
                </Dialog.Close>
                <Button type="submit" variant="primary" pending={pending}>
                  Save limit
                </Button>
              </div>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
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
          At {count.format(preview.limit)}/min, <strong>{count.format(preview.refusedRequests)}</strong> of the last 30
          days' {count.format(preview.requests)} API requests ({percent.format(share)}) would have been refused, in{" "}
          {count.format(preview.limitedMinutes)} {preview.limitedMinutes === 1 ? "minute" : "minutes"}.
        </p>
      ) : (
        <p>
          At {count.format(preview.limit)}/min, none of the last 30 days' {count.format(preview.requests)} API requests
          would have been refused.
        </p>
      )}
      <p className="mt-1 text-xs opacity-80">
        Busiest minute:{" "}
        {preview.busiestMinute ? `${count.format(preview.busiestMinute.requests)} requests` : "no requests"}. Today's{" "}
        {count.format(preview.current.limit)}/min would have refused {count.format(preview.current.refusedRequests)}.
      </p>
    </div>
  );
}
