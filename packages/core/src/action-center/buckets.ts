import type { Permission } from "../auth/permissions";

/** The Action Center's queues, in the runbook's words and in the order the page shows them. */
export const ACTION_BUCKETS = [
  "disputesPending",
  "invoicesOverdue",
  "paymentsFailed",
  "chargebacks",
  "subsExpiring",
  "slaBreaches",
  "tenantsAtRisk",
  "rateLimitAlerts",
] as const;
export type ActionBucket = (typeof ACTION_BUCKETS)[number];

/** Most urgent first: the order items sort in before time to breach and money at risk. */
export const ACTION_SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type ActionSeverity = (typeof ACTION_SEVERITIES)[number];

/** What a staff member can do with an item from the Action Center (each maps to one endpoint). */
export const ACTION_KINDS = [
  "approveDispute",
  "rejectDispute",
  "sendReminder",
  "extendSubscription",
  "escalateIncident",
  "createTask",
  "scheduleEbr",
  "snooze",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const BUCKET_LABELS: Record<ActionBucket, string> = {
  disputesPending: "Disputes pending",
  invoicesOverdue: "Invoices overdue",
  paymentsFailed: "Payments failed",
  chargebacks: "Chargebacks",
  subsExpiring: "Subs expiring",
  slaBreaches: "SLA breaches",
  tenantsAtRisk: "Tenants at risk",
  rateLimitAlerts: "Rate limits",
};

/**
 * Who may act on (and snooze) a bucket's items: the permission of the work the item asks for.
 * Reading the Action Center needs only `tenants:read`.
 */
export const BUCKET_WRITE_PERMISSION: Record<ActionBucket, Permission> = {
  disputesPending: "leads:write",
  invoicesOverdue: "billing:write",
  paymentsFailed: "billing:write",
  chargebacks: "billing:write",
  subsExpiring: "billing:write",
  slaBreaches: "incidents:write",
  tenantsAtRisk: "success:write",
  rateLimitAlerts: "usage:write",
};

/** The actions each bucket's items allow (Send Reminder drops off once today's reminder went out). */
export const BUCKET_ACTIONS: Record<ActionBucket, readonly ActionKind[]> = {
  disputesPending: ["approveDispute", "rejectDispute", "createTask", "snooze"],
  invoicesOverdue: ["sendReminder", "createTask", "snooze"],
  paymentsFailed: ["sendReminder", "createTask", "snooze"],
  chargebacks: ["createTask", "snooze"],
  subsExpiring: ["extendSubscription", "scheduleEbr", "createTask", "snooze"],
  slaBreaches: ["escalateIncident", "createTask", "snooze"],
  tenantsAtRisk: ["scheduleEbr", "createTask", "snooze"],
  rateLimitAlerts: ["createTask", "snooze"],
};

// Thresholds of the severity rules (docs/action-center.md explains each one).
/** Staff aim to decide a dispute within this many hours of it being raised. */
export const DISPUTE_DECISION_HOURS = 72;
/** An invoice with at least this much due is critical as soon as it is overdue ($1,000). */
export const LARGE_INVOICE_CENTS = 100_000;
/** Failed payments older than this no longer raise an item (the invoice is still in invoicesOverdue). */
export const FAILED_PAYMENT_LOOKBACK_DAYS = 30;
/** A chargeback whose evidence is due within this many days is critical. */
export const CHARGEBACK_EVIDENCE_URGENT_DAYS = 3;
/** Trials ending and cancellations taking effect within these windows are "expiring". */
export const TRIAL_ENDING_DAYS = 14;
export const CANCELLATION_DAYS = 30;
/** An incident is listed once this share of its current SLA clock has elapsed. */
export const SLA_WARNING_SHARE = 0.8;
/** An invoice this many days past due makes its tenant at risk. */
export const AT_RISK_OVERDUE_DAYS = 30;
/** Usage is "down" when the last 30 days have less than this share of the 30 days before… */
export const USAGE_DROP_SHARE = 0.5;
/** …and the 30 days before had at least this many requests (a handful of calls is no trend). */
export const USAGE_DROP_MIN_PRIOR_REQUESTS = 100;
/** A tenant whose peak minute reached this share of its limit in the last 24 h is alerted. */
export const RATE_LIMIT_WARNING_SHARE = 0.8;
/** This many 429s in the last 24 h make a rate-limit alert high. */
export const RATE_LIMITED_HIGH_COUNT = 100;
