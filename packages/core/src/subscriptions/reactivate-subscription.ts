import { db, type Executor } from "@pp/db";
import { subscriptions, tenants } from "@pp/db/schema";
import { and, eq, inArray, ne } from "drizzle-orm";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { addMonths, formatCents, formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { requireAvailablePlan } from "../pricing/require-available-offer";
import { CURRENT_SUBSCRIPTION_STATUSES } from "../tenants/current-subscription";
import { loadSubscriptionForChange } from "./load-subscription-for-change";
import { recordSubscriptionChange } from "./record-subscription-change";
import { monthlyRecurringCents } from "./subscription-amounts";
import { withdrawScheduledChanges } from "./withdraw-scheduled-changes";

export type ReactivateSubscriptionOptions = {
  subscriptionId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Reactivate: a subscription set to cancel at period end simply continues (its scheduled churn is
 * withdrawn); a canceled one starts a new period today on its plan, a `reactivation` movement.
 */
export async function reactivateSubscription(options: ReactivateSubscriptionOptions, executor: Executor = db) {
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const { subscription, plan, coupon, tenant } = await loadSubscriptionForChange(tx, options.subscriptionId);
    const pendingCancel = subscription.cancelAtPeriodEnd && subscription.status !== "canceled";
    if (!pendingCancel && subscription.status !== "canceled") {
      throw new AppError(
        "conflict",
        `This subscription is ${subscription.status} and not set to cancel — nothing to reactivate`,
      );
    }
    if (pendingCancel) {
      await withdrawScheduledChanges(tx, { subscriptionId: subscription.id, tenantId: tenant.id, now });
      await tx
        .update(subscriptions)
        .set({ cancelAtPeriodEnd: false, updatedAt: now })
        .where(eq(subscriptions.id, subscription.id));
      await recordSubscriptionChange({
        tx,
        tenant,
        subscriptionId: subscription.id,
        actor: options.actor,
        now,
        context: options.context,
        action: "subscription.reactivated",
        featureKey: "ReactivateSubscription",
        title: "Scheduled cancellation withdrawn: the subscription continues",
        before: { cancelAtPeriodEnd: true },
        after: { cancelAtPeriodEnd: false },
        email: {
          subject: `Your ${plan.name} subscription continues`,
          lines: [
            `Your subscription will no longer end on ${formatUtcDate(subscription.currentPeriodEnd)}: it renews as usual.`,
          ],
        },
      });
      return { subscriptionId: subscription.id, movement: null, mrrAfterCents: subscription.mrrCents };
    }
    const [other] = await tx
      .select({ id: subscriptions.id })
      .from(subscriptions)
      .where(
        and(
          eq(subscriptions.tenantId, tenant.id),
          ne(subscriptions.id, subscription.id),
          inArray(subscriptions.status, CURRENT_SUBSCRIPTION_STATUSES),
        ),
      )
      .limit(1);
    if (other) throw new AppError("conflict", `${tenant.name} already has a current subscription`);
    await requireAvailablePlan(tx, plan.id);
    const mrrCents = monthlyRecurringCents({ plan, quantity: subscription.quantity, status: "active", coupon });
    await tx
      .update(subscriptions)
      .set({
        status: "active",
        canceledAt: null,
        cancelAtPeriodEnd: false,
        currentPeriodStart: now,
        currentPeriodEnd: addMonths(now, plan.interval === "year" ? 12 : 1),
        mrrCents,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, subscription.id));
    await tx
      .update(tenants)
      .set({ status: "active", planId: plan.id, updatedAt: now })
      .where(eq(tenants.id, tenant.id));
    await recordSubscriptionChange({
      tx,
      tenant,
      subscriptionId: subscription.id,
      actor: options.actor,
      now,
      context: options.context,
      movement: {
        type: "reactivation",
        fromPlanId: null,
        toPlanId: plan.id,
        mrrBeforeCents: 0,
        mrrAfterCents: mrrCents,
        effectiveAt: now,
      },
      action: "subscription.reactivated",
      featureKey: "ReactivateSubscription",
      title: `Subscription reactivated on ${plan.name} (${formatCents(mrrCents, plan.currency)}/month)`,
      before: { status: subscription.status, mrrCents: 0 },
      after: { status: "active", mrrCents },
      email: {
        subject: `Welcome back: your ${plan.name} subscription is active again`,
        lines: [`Your subscription to ${plan.name} is active again from today.`],
      },
    });
    return { subscriptionId: subscription.id, movement: "reactivation" as const, mrrAfterCents: mrrCents };
  });
}
