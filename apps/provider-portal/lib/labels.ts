import type { ONBOARDING_STATUSES, TENANT_STATUSES, TRADES } from "@pp/db/schema";

type Trade = (typeof TRADES)[number];

const TRADE_LABELS: Record<Trade, string> = { plumbing: "Plumbing", electrical: "Electrical", hvac: "HVAC" };

export function tradeLabel(trade: Trade): string {
  return TRADE_LABELS[trade];
}

export const TENANT_STATUS_LABELS: Record<(typeof TENANT_STATUSES)[number], string> = {
  trial: "Trial",
  active: "Active",
  past_due: "Past due",
  suspended: "Suspended",
  churned: "Churned",
};

export const ONBOARDING_STATUS_LABELS: Record<(typeof ONBOARDING_STATUSES)[number], string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
};

export const TRADE_LABELS_LIST = Object.entries(TRADE_LABELS).map(([value, label]) => ({ value, label }));
