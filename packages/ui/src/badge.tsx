import clsx from "clsx";
import type { ReactNode } from "react";

export type BadgeTone = "neutral" | "brand" | "success" | "warn" | "danger";

const TONES: Record<BadgeTone, string> = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-500/20",
  brand: "bg-brand-50 text-brand-700 ring-brand-600/20",
  success: "bg-success-50 text-success-700 ring-success-600/20",
  warn: "bg-warn-50 text-warn-800 ring-warn-600/25",
  danger: "bg-danger-50 text-danger-700 ring-danger-600/20",
};

/**
 * The tone of every status value the data model uses (tenants, subscriptions, invoices,
 * disputes, onboarding, incidents), so a status reads the same colour everywhere.
 */
const STATUS_TONES: Record<string, BadgeTone> = {
  active: "success",
  paid: "success",
  approved: "success",
  completed: "success",
  connected: "success",
  resolved: "success",
  healthy: "success",
  succeeded: "success",
  enabled: "success",
  won: "success",
  trial: "brand",
  trialing: "brand",
  in_progress: "brand",
  open: "brand",
  new: "brand",
  pending: "warn",
  past_due: "warn",
  watch: "warn",
  acknowledged: "warn",
  awaiting_authorization: "warn",
  invited: "warn",
  suspended: "danger",
  churned: "danger",
  canceled: "neutral",
  expired: "neutral",
  uncollectible: "danger",
  rejected: "danger",
  failed: "danger",
  error: "danger",
  at_risk: "danger",
  firing: "danger",
  overdue: "danger",
};

export function statusTone(status: string): BadgeTone {
  return STATUS_TONES[status] ?? "neutral";
}

/** "past_due" → "Past due". */
export function statusLabel(status: string): string {
  const words = status.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function Badge({
  tone = "neutral",
  className,
  children,
}: {
  tone?: BadgeTone;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={clsx(
        "inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/** A status value as a badge in its tone, with a readable label. */
export function StatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <Badge tone={statusTone(status)} className={className}>
      {statusLabel(status)}
    </Badge>
  );
}
