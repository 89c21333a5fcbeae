import { db, type Executor } from "@pp/db";
import { subscriptionEvents, subscriptions, tenants } from "@pp/db/schema";
import { and, eq, lt } from "drizzle-orm";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { addMonths, formatCents } from "../billing/billing-dates";
import { AppError } from "../errors";
import { loadSubscriptionForChange } from "./load-subscription-for-change";
import { recordSubscriptionChange } from "./record-subscription-change";
import { monthlyRecurringCents } from "./subscription-amounts";

export type ConvertTrialOptions = { subscriptionId: string; actor: StaffActor; now?: Date; context?: AuditContext };

/** Trial → active: the first paid period starts now and the subscription's MRR enters the ledger. */
export async function convertTrial(options: ConvertTrialOptions, executor: Executor = db) {
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const { subscription, plan, coupon, tenant } = await loadSubscriptionForChange(tx, options.subscriptionId);
    if (subscription.status !== "trialing") {
      throw new AppError("conflict", `This subscription is ${subscription.status}, not on a trial`);
    }
    const mrrCents = monthlyRecurringCents({ plan, quantity: subscription.quantity, status: "active", coupon });
    await tx
      .update(subscriptions)
      .set({
        status: "active",
        trialEnd: now,
        currentPeriodStart: now,
        currentPeriodEnd: addMonths(now, plan.interval === "year" ? 12 : 1),
        mrrCents,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, subscription.id));
    await tx.update(tenants).set({ status: "active", updatedAt: now }).where(eq(tenants.id, tenant.id));
    const [paidBefore] = await tx
      .select({ id: subscriptionEvents.id })
      .from(subscriptionEvents)
      .where(and(eq(subscriptionEvents.tenantId, tenant.id), lt(subscriptionEvents.effectiveAt, now)))
      .limit(1);
    await recordSubscriptionChange({
      tx,
      tenant,
      subscriptionId: subscription.id,
      actor: options.actor,
      now,
      context: options.context,
      movement: {
        type: paidBefore ? "reactivation" : "new",
        fromPlanId: null,
        toPlanId: plan.id,
        mrrBeforeCents: 0,
        mrrAfterCents: mrrCents,
        effectiveAt: now,
      },
      action: "subscription.trial_converted",
      featureKey: "ConvertTrial",
      title: `Trial converted: ${plan.name} at ${formatCents(mrrCents, plan.currency)}/month`,
      before: { status: "trialing", trialEnd: subscription.trialEnd },
      after: { status: "active", mrrCents },
      email: {
        subject: `Your ${plan.name} subscription is now active`,
        lines: [
          `Your trial has converted: ${plan.name} is active from today at ${formatCents(mrrCents, plan.currency)} a month.`,
        ],
      },
    });
    return { subscriptionId: subscription.id, mrrAfterCents: mrrCents };
  });
}
