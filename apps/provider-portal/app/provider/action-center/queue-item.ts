import type { ActionBucket, ActionKind, ActionSeverity } from "@pp/core/action-center/buckets";

/** An Action Center item as the page hands it over: dates as ISO strings, actions the viewer may take. */
export type QueueItem = {
  id: string;
  bucket: ActionBucket;
  tenant: { id: string; name: string } | null;
  title: string;
  severity: ActionSeverity;
  openedAt: string;
  /** "5 h", "52 d": from the Action Center's one day arithmetic, worked out on the server. */
  age: string;
  dueAt: string | null;
  /** "in 5 h", "52 d ago", "now" — the same days as `age` for the same instant. */
  due: string | null;
  overdue: boolean;
  amountCents: number | null;
  currency: string | null;
  subject: { type: string; id: string };
  /** A dispute whose lead's charge was paid by card through Stripe: "refund to card" is offered. */
  refundableByCard: boolean;
  href: string;
  actions: ActionKind[];
  /** What was already done ("Reminded today", "Escalated to level 2"). */
  state: string[];
  /** In the Snoozed view: until when (a date), why and by whom. */
  snooze: { until: string; reason: string; snoozedBy: string | null } | null;
};

/**
 * The rule values the queue's copy quotes, passed from the server page (they live in
 * `@pp/core/action-center/buckets` and the subscription rules), so the words follow the rules.
 */
export type QueueRules = {
  failedPaymentLookbackDays: number;
  trialEndingDays: number;
  cancellationDays: number;
  slaWarningShare: number;
  atRiskOverdueDays: number;
  usageDropShare: number;
  rateLimitWarningShare: number;
  maxExtensionDays: number;
};

export type StaffOption = { value: string; label: string };

/** The runbook's verbs, as the buttons read. */
export const ACTION_LABELS: Record<ActionKind, string> = {
  approveDispute: "Approve Dispute",
  rejectDispute: "Reject",
  sendReminder: "Send Reminder",
  extendSubscription: "Extend",
  escalateIncident: "Escalate",
  createTask: "Create Task",
  scheduleEbr: "Schedule EBR",
  snooze: "Snooze",
};

/** Actions offered on a selection of rows (the rest need one item's own form). */
export const BULK_ACTIONS = [
  "approveDispute",
  "rejectDispute",
  "sendReminder",
  "escalateIncident",
  "createTask",
  "snooze",
] as const satisfies readonly ActionKind[];

/** Result of one action on one item, listed when a bulk action partly fails. */
export type Outcome = { item: QueueItem; ok: boolean; message: string };
