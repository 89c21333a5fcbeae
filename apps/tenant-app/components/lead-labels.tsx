import { Badge, StatusBadge, statusLabel } from "@pp/ui/badge";

// How lead values read across the list, the detail page and the dashboard.

export const LEAD_SOURCE_LABELS: Record<string, string> = {
  web: "Web form",
  phone: "Phone",
  import: "Import",
  marketplace: "Marketplace",
};

export const BILLING_STATUS_LABELS: Record<string, string> = {
  billable: "Billable",
  credited: "Credited",
  non_billable: "Not billed",
};

export const DISPUTE_REASON_LABELS: Record<string, string> = {
  duplicate: "Duplicate lead",
  outside_service_area: "Outside service area",
  wrong_job_type: "Wrong job type",
  invalid_contact: "Invalid contact details",
  competitor_test: "Competitor test",
  other: "Other",
};

export function sourceLabel(source: string): string {
  return LEAD_SOURCE_LABELS[source] ?? statusLabel(source);
}

export function BillingStatusBadge({ status }: { status: string }) {
  const tone = status === "credited" ? "success" : status === "non_billable" ? "neutral" : "brand";
  return <Badge tone={tone}>{BILLING_STATUS_LABELS[status] ?? statusLabel(status)}</Badge>;
}

/** A lead's dispute, or a dash when it was never disputed. */
export function DisputeBadge({ status }: { status: string | null }) {
  if (!status) return <span className="text-slate-400">—</span>;
  return <StatusBadge status={status} />;
}
