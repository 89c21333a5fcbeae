import { addDays } from "./billing-dates";

/**
 * Payment Retries (the runbook's word for dunning): when an invoice is past due, its payment is
 * retried `retryAfterDays` days after the due date; after the last failed retry the invoice is
 * uncollectible and the subscription past due, and `gracePeriodDays` after that retry it is canceled.
 */
export type PaymentRetryPolicy = { retryAfterDays: readonly number[]; gracePeriodDays: number };

export const DEFAULT_PAYMENT_RETRY_POLICY: PaymentRetryPolicy = { retryAfterDays: [3, 5, 7], gracePeriodDays: 14 };

/** The default policy with overrides; retry days must be positive and increasing. */
export function paymentRetryPolicy(overrides: Partial<PaymentRetryPolicy> = {}): PaymentRetryPolicy {
  const policy = { ...DEFAULT_PAYMENT_RETRY_POLICY, ...overrides };
  const days = policy.retryAfterDays;
  if (
    days.length === 0 ||
    days.some((day, index) => !Number.isInteger(day) || day <= 0 || (index > 0 && day <= (days[index - 1] ?? 0)))
  ) {
    throw new Error("retryAfterDays must be positive whole days in increasing order");
  }
  if (!Number.isInteger(policy.gracePeriodDays) || policy.gracePeriodDays < 0) {
    throw new Error("gracePeriodDays must be a whole number of days ≥ 0");
  }
  return policy;
}

/** When retry number `attempt` (0-based) is due, or null when the policy has no such retry. */
export function retryDueAt(dueAt: Date, attempt: number, policy: PaymentRetryPolicy): Date | null {
  const days = policy.retryAfterDays[attempt];
  return days === undefined ? null : addDays(dueAt, days);
}

/** The day of the last retry. */
export function lastRetryAt(dueAt: Date, policy: PaymentRetryPolicy): Date {
  return addDays(dueAt, policy.retryAfterDays[policy.retryAfterDays.length - 1] ?? 0);
}

/** After this, an unpaid invoice's subscription is canceled. */
export function gracePeriodEndsAt(dueAt: Date, policy: PaymentRetryPolicy): Date {
  return addDays(lastRetryAt(dueAt, policy), policy.gracePeriodDays);
}
