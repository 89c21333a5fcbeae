"use client";

import clsx from "clsx";
import { CircleAlert, LifeBuoy, RotateCw } from "lucide-react";
import { buttonClass } from "./button";

export const SUPPORT_EMAIL = "support@provider-portal.local";

export type ErrorStateProps = {
  title?: string;
  message?: string;
  /** The request id or Next.js error digest support can look up in the logs. */
  reference?: string;
  /** Retries the failed render (Next's `reset`); reloads the page when absent. */
  onRetry?: () => void;
  supportEmail?: string;
  className?: string;
};

/** The one error display: what happened, what to do (retry, contact support), and the reference to quote. */
export function ErrorState({
  title = "Something went wrong",
  message = "This page could not load. Retry — if it keeps failing, contact support and quote the reference below.",
  reference,
  onRetry,
  supportEmail = SUPPORT_EMAIL,
  className,
}: ErrorStateProps) {
  const subject = encodeURIComponent(`Provider Portal error${reference ? ` ${reference}` : ""}`);
  const body = encodeURIComponent(
    `What I was doing:\n\n\nPage: ${typeof window === "undefined" ? "" : window.location.href}\nReference: ${reference ?? "none"}\n`,
  );
  return (
    <div
      role="alert"
      className={clsx(
        "mx-auto flex max-w-lg flex-col items-center rounded-card border border-danger-100 bg-surface px-6 py-10 text-center shadow-card",
        className,
      )}
    >
      <div className="flex size-11 items-center justify-center rounded-full bg-danger-50 text-danger-600">
        <CircleAlert className="size-5" aria-hidden />
      </div>
      <h2 className="mt-4 text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 text-sm text-slate-600">{message}</p>
      <div className="mt-6 flex flex-wrap items-center justify-center gap-2">
        <button
          type="button"
          className={buttonClass({ variant: "primary" })}
          onClick={() => (onRetry ? onRetry() : window.location.reload())}
        >
          <RotateCw className="size-4" aria-hidden />
          Retry
        </button>
        <a
          className={buttonClass({ variant: "secondary" })}
          href={`mailto:${supportEmail}?subject=${subject}&body=${body}`}
        >
          <LifeBuoy className="size-4" aria-hidden />
          Contact support
        </a>
      </div>
      {reference ? (
        <p className="mt-5 text-xs text-slate-500">
          Reference: <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700">{reference}</code>
        </p>
      ) : null}
    </div>
  );
}
