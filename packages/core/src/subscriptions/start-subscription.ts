import { db, type Executor } from "@pp/db";
import { subscriptionEvents, subscriptions, tenants } from "@pp/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { addDays, addMonths, formatCents, formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { zCount, zNumberParam, zText } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { countCouponRedemption } from "../pricing/pricing-rules";
import { requireAvailablePlan, requireRedeemableCoupon } from "../pricing/require-available-offer";
import { CURRENT_SUBSCRIPTION_STATUSES } from "../tenants/current-subscription";
import { recordSubscriptionChange } from "./record-subscription-change";
import { monthlyRecurringCents } from "./subscription-amounts";

export const MAX_SUBSCRIPTION_QUANTITY = 1_000;
export const MAX_TRIAL_DAYS = 90;

export const ZStartSubscription = z.object({
  planId: zText(100).trim().min(1, "Choose a plan"),
  // Form fields arrive as digits in a string; `true` stays a boolean and is refused.
  quantity: zNumberParam(zCount().min(1, "must be at least 1").max(MAX_SUBSCRIPTION_QUANTITY, "is too large")).default(
    1,
  ),
  couponId: zText(100).trim().min(1).nullish(),
  trialDays: zNumberParam(
    zCount("must be a whole number of days").min(1, "must be at least 1").max(MAX_TRIAL_DAYS, "is too long"),
  ).nullish(),
});
export type TStartSubscription = z.input<typeof ZStartSubscription>;

export type StartSubscriptionOptions = TStartSubscription & {
  tenantId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Starts a subscription for a tenant with none current: on a trial (no MRR until it converts) or
 * paying from now (a `new` movement — `reactivation` for a tenant that paid before).
 */
export async function startSubscription(options: StartSubscriptionOptions, executor: Executor = db) {
  const input = parseInput(ZStartSubscription, options);
  const now = options.now ?? new Date();
  if (!isUuid(options.tenantId)) throw new AppError("not_found", "Client not found");
  return executor.transaction(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, options.tenantId)).for("update");
    if (!tenant) throw new AppError("not_found", "Client not found");
    const [current] = await tx
      .select({ id: subscriptions.id, status: subscriptions.status })
      .from(subscriptions)
      .where(and(eq(subscriptions.tenantId, tenant.id), inArray(subscriptions.status, CURRENT_SUBSCRIPTION_STATUSES)))
      .limit(1);
    if (current) {
      throw new AppError("conflict", `${tenant.name} already has a ${current.status} subscription — change it instead`);
    }
    const plan = await requireAvailablePlan(tx, input.planId);
    const coupon = input.couponId ? await requireRedeemableCoupon(tx, input.couponId, now) : null;
    if (coupon) await countCouponRedemption(tx, coupon.id, now);
    const trial = Boolean(input.trialDays);
    const status = trial ? ("trialing" as const) : ("active" as const);
    const trialEnd = input.trialDays ? addDays(now, input.trialDays) : null;
    const mrrCents = monthlyRecurringCents({ plan, quantity: input.quantity, status, coupon });
    const periodEnd = addMonths(now, plan.interval === "year" ? 12 : 1);
    const [subscription] = await tx
      .insert(subscriptions)
      .values({
        tenantId: tenant.id,
        planId: plan.id,
        status,
        currentPeriodStart: now,
        currentPeriodEnd: trialEnd && trialEnd > periodEnd ? trialEnd : periodEnd,
        trialEnd,
        quantity: input.quantity,
        couponId: coupon?.id ?? null,
        couponAppliedAt: coupon ? now : null,
        mrrCents,
        currency: plan.currency,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!subscription) throw new Error("subscription insert returned no row");
    await tx
      .update(tenants)
      .set({ planId: plan.id, status: trial ? "trial" : "active", updatedAt: now })
      .where(eq(tenants.id, tenant.id));
    const [paidBefore] = await tx
      .select({ id: subscriptionEvents.id })
      .from(subscriptionEvents)
      .where(eq(subscriptionEvents.tenantId, tenant.id))
      .limit(1);
    const what = `${plan.name}${input.quantity > 1 ? ` × ${input.quantity}` : ""}`;
    await recordSubscriptionChange({
      tx,
      tenant,
      subscriptionId: subscription.id,
      actor: options.actor,
      now,
      context: options.context,
      movement: trial
        ? undefined
        : {
            type: paidBefore ? "reactivation" : "new",
            fromPlanId: null,
            toPlanId: plan.id,
            mrrBeforeCents: 0,
            mrrAfterCents: mrrCents,
            effectiveAt: now,
          },
      action: "subscription.started",
      featureKey: "StartSubscription",
      title: trialEnd
        ? `Trial of ${what} started, ends ${formatUtcDate(trialEnd)}`
        : `Subscription to ${what} started (${formatCents(mrrCents, plan.currency)}/month)`,
      before: {},
      after: { planId: plan.id, quantity: input.quantity, status, couponId: coupon?.id ?? null, trialEnd, mrrCents },
      email: {
        subject: trialEnd ? `Your ${plan.name} trial has started` : `Your ${plan.name} subscription has started`,
        lines: [
          trialEnd
            ? `Your trial of the ${what} plan runs until ${formatUtcDate(trialEnd)}.`
            : `Your subscription to the ${what} plan starts today at ${formatCents(mrrCents, plan.currency)} a month.`,
        ],
      },
    });
    return subscription;
  });
}
