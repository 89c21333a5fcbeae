import { db } from "@pp/db";
import { invoices, plans, subscriptions } from "@pp/db/schema";
import { and, asc, eq, inArray, lte, ne, notExists } from "drizzle-orm";
import { addMonths } from "../billing/billing-dates";
import { issueInvoice } from "../billing/issue-invoice";
import { AppError } from "../errors";
import { settleSubscriptionPeriod } from "../subscriptions/settle-subscription-period";

/** Subscriptions billed at period end (the same states issueInvoice charges). */
const BILLED_STATUSES = ["active", "past_due"] as const;
/** A subscription more periods behind than this (jobs off for a year) is caught up over several runs. */
const MAX_PERIODS_PER_RUN = 12;

export type IssueDueInvoicesResult = {
  issued: { tenantId: string; invoiceId: string; number: string; periodStart: Date; periodEnd: Date }[];
  /** Periods that already had an invoice (issued by hand or by an earlier run): the period just moves on. */
  alreadyInvoiced: number;
  failed: { tenantId: string; message: string }[];
};

/**
 * The billing.issue-invoices job: for every subscription whose current period has ended, issues the
 * tenant's invoice for that period (issueInvoice) and moves the subscription to its next period, in one
 * transaction per period. Idempotent per tenant + period: a period with an invoice is never billed again,
 * and two runs at once skip each other's subscriptions (row lock, SKIP LOCKED). A subscription set to
 * cancel at period end gets its last invoice and keeps its period (cancelling is not this job's call).
 */
export async function issueDueInvoices(options: { now?: Date } = {}): Promise<IssueDueInvoicesResult> {
  const now = options.now ?? new Date();
  const result: IssueDueInvoicesResult = { issued: [], alreadyInvoiced: 0, failed: [] };
  const due = await db
    .select({ id: subscriptions.id, tenantId: subscriptions.tenantId })
    .from(subscriptions)
    .where(
      and(
        inArray(subscriptions.status, BILLED_STATUSES),
        lte(subscriptions.currentPeriodEnd, now),
        // Cancelling at period end: billed once, then left for whoever ends the subscription.
        notExists(
          db
            .select({ id: invoices.id })
            .from(invoices)
            .where(
              and(
                eq(invoices.tenantId, subscriptions.tenantId),
                eq(invoices.periodStart, subscriptions.currentPeriodStart),
                ne(invoices.status, "void"),
                eq(subscriptions.cancelAtPeriodEnd, true),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(subscriptions.currentPeriodEnd));
  for (const subscription of due) {
    for (let period = 0; period < MAX_PERIODS_PER_RUN; period++) {
      try {
        const more = await issueNextPeriod({ subscriptionId: subscription.id, now, result });
        if (!more) break;
      } catch (error) {
        result.failed.push({
          tenantId: subscription.tenantId,
          message: error instanceof Error ? error.message : String(error),
        });
        break;
      }
    }
  }
  return result;
}

/** Bills one ended period of one subscription; true when another ended period follows. */
async function issueNextPeriod(input: { subscriptionId: string; now: Date; result: IssueDueInvoicesResult }) {
  const { now, result } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ subscription: subscriptions, interval: plans.interval })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(eq(subscriptions.id, input.subscriptionId))
      .for("update", { of: subscriptions, skipLocked: true });
    if (!row) return false;
    const { subscription } = row;
    const periodStart = subscription.currentPeriodStart;
    const periodEnd = subscription.currentPeriodEnd;
    if (!BILLED_STATUSES.some((status) => status === subscription.status) || periodEnd.getTime() > now.getTime()) {
      return false;
    }
    let invoiceId: string | null = null;
    try {
      const invoice = await issueInvoice(
        { tenantId: subscription.tenantId, periodStart, periodEnd, now, actor: { kind: "system", label: "billing" } },
        tx,
      );
      invoiceId = invoice.id;
      result.issued.push({
        tenantId: subscription.tenantId,
        invoiceId: invoice.id,
        number: invoice.number,
        periodStart,
        periodEnd,
      });
    } catch (error) {
      // issueInvoice refuses a second invoice for the same tenant + period: that period is done.
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
      result.alreadyInvoiced += 1;
    }
    // Prorations go on the period's invoice; changes scheduled for the period end take effect.
    const settled = await settleSubscriptionPeriod(tx, {
      subscriptionId: subscription.id,
      tenantId: subscription.tenantId,
      invoiceId,
      periodEnd,
      now,
    });
    if (settled.ended || subscription.cancelAtPeriodEnd) return false;
    const nextEnd = addMonths(periodEnd, row.interval === "year" ? 12 : 1);
    await tx
      .update(subscriptions)
      .set({ currentPeriodStart: periodEnd, currentPeriodEnd: nextEnd, updatedAt: now })
      .where(and(eq(subscriptions.id, subscription.id), eq(subscriptions.tenantId, subscription.tenantId)));
    return nextEnd.getTime() <= now.getTime();
  });
}
