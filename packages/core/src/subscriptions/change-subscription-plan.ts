import { db, type Executor } from "@pp/db";
import { subscriptionChanges, subscriptionProrations, subscriptions, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatCents, formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { zCount, zNumberParam, zText } from "../input/zod-pieces";
import { parseInput } from "../parse-input";
import { requireAvailablePlan } from "../pricing/require-available-offer";
import { loadSubscriptionForChange } from "./load-subscription-for-change";
import { recordSubscriptionChange } from "./record-subscription-change";
import { MAX_SUBSCRIPTION_QUANTITY } from "./start-subscription";
import { monthlyRecurringCents, prorationCents, subscriptionLineCents } from "./subscription-amounts";
import { withdrawScheduledChanges } from "./withdraw-scheduled-changes";

export const ZChangeSubscriptionPlan = z
  .object({
    planId: zText(100).trim().min(1).optional(),
    quantity: zNumberParam(
      zCount().min(1, "must be at least 1").max(MAX_SUBSCRIPTION_QUANTITY, "is too large"),
    ).optional(),
    /** Upgrades apply now; downgrades at period end unless "now" is asked for. */
    when: z.enum(["now", "period_end"]).optional(),
  })
  .refine((value) => value.planId !== undefined || value.quantity !== undefined, {
    message: "Choose a plan or a quantity",
    path: ["planId"],
  });
export type TChangeSubscriptionPlan = z.input<typeof ZChangeSubscriptionPlan>;

export type ChangeSubscriptionPlanOptions = TChangeSubscriptionPlan & {
  subscriptionId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type ChangedSubscription = {
  subscriptionId: string;
  movement: "expansion" | "contraction" | null;
  effectiveAt: Date;
  scheduled: boolean;
  mrrBeforeCents: number;
  mrrAfterCents: number;
  /** The prorated amount waiting for this period's invoice (cents; negative lowers it). */
  prorationCents: number;
};

/**
 * Changes a subscription's plan and/or quantity. An upgrade takes effect now, with a prorated
 * line for the period's invoice; a downgrade is scheduled for the period end (or now, on request).
 */
export async function changeSubscriptionPlan(
  options: ChangeSubscriptionPlanOptions,
  executor: Executor = db,
): Promise<ChangedSubscription> {
  const input = parseInput(ZChangeSubscriptionPlan, options);
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const { subscription, plan, coupon, tenant } = await loadSubscriptionForChange(tx, options.subscriptionId);
    if (subscription.status === "canceled" || subscription.status === "expired") {
      throw new AppError("conflict", `This subscription is ${subscription.status} — reactivate it first`);
    }
    const newPlan = input.planId && input.planId !== plan.id ? await requireAvailablePlan(tx, input.planId) : plan;
    const quantity = input.quantity ?? subscription.quantity;
    if (newPlan.id === plan.id && quantity === subscription.quantity) {
      throw new AppError("validation_failed", "planId: the subscription is already on this plan and quantity", {
        details: [{ path: "planId", message: "is the current plan and quantity — nothing to change" }],
      });
    }
    const before = subscription.mrrCents;
    const after = monthlyRecurringCents({ plan: newPlan, quantity, status: subscription.status, coupon });
    const oldLine = subscriptionLineCents(plan, subscription.quantity);
    const newLine = subscriptionLineCents(newPlan, quantity);
    const upgrade = newLine > oldLine || after > before;
    const when = input.when ?? (upgrade ? "now" : "period_end");
    const trial = subscription.status === "trialing";
    const effectiveAt = when === "now" || trial ? now : subscription.currentPeriodEnd;
    const scheduled = effectiveAt.getTime() > now.getTime();
    const movement = after > before ? "expansion" : after < before ? "contraction" : null;
    const from = `${plan.name}${subscription.quantity > 1 ? ` × ${subscription.quantity}` : ""}`;
    const to = `${newPlan.name}${quantity > 1 ? ` × ${quantity}` : ""}`;

    await withdrawScheduledChanges(tx, { subscriptionId: subscription.id, tenantId: tenant.id, now });
    let proration = 0;
    if (!scheduled) {
      await tx
        .update(subscriptions)
        .set({ planId: newPlan.id, quantity, mrrCents: after, updatedAt: now })
        .where(eq(subscriptions.id, subscription.id));
      await tx.update(tenants).set({ planId: newPlan.id, updatedAt: now }).where(eq(tenants.id, tenant.id));
      if (!trial) {
        const amounts = prorationCents({
          oldLineCents: oldLine,
          newLineCents: newLine,
          periodStart: subscription.currentPeriodStart,
          periodEnd: subscription.currentPeriodEnd,
          at: now,
        });
        proration = amounts.amountCents;
        if (proration !== 0) {
          await tx.insert(subscriptionProrations).values({
            tenantId: tenant.id,
            subscriptionId: subscription.id,
            description: `Prorated: ${from} → ${to} on ${formatUtcDate(now)} (${from} rate for ${amounts.elapsedDays} of ${amounts.periodDays} days)`,
            amountCents: proration,
            periodStart: subscription.currentPeriodStart,
            periodEnd: subscription.currentPeriodEnd,
            createdAt: now,
          });
        }
      }
    }
    const eventId = await recordSubscriptionChange({
      tx,
      tenant,
      subscriptionId: subscription.id,
      actor: options.actor,
      now,
      context: options.context,
      movement:
        movement && !trial
          ? {
              type: movement,
              fromPlanId: plan.id,
              toPlanId: newPlan.id,
              mrrBeforeCents: before,
              mrrAfterCents: after,
              effectiveAt,
            }
          : undefined,
      action: scheduled ? "subscription.change_scheduled" : "subscription.changed",
      featureKey: "ChangeSubscription",
      title: scheduled
        ? `Plan change ${from} → ${to} scheduled for ${formatUtcDate(effectiveAt)}`
        : `Plan changed ${from} → ${to}`,
      before: { planId: plan.id, quantity: subscription.quantity, mrrCents: before },
      after: { planId: newPlan.id, quantity, mrrCents: after, effectiveAt },
      metadata: { prorationCents: proration, when },
      email: {
        subject: scheduled
          ? `Your plan changes to ${newPlan.name} on ${formatUtcDate(effectiveAt)}`
          : `Your plan is now ${newPlan.name}`,
        lines: [
          scheduled
            ? `Your plan changes from ${from} to ${to} at the end of your current period, on ${formatUtcDate(effectiveAt)}.`
            : `Your plan changed from ${from} to ${to} today.`,
          ...(proration !== 0
            ? [
                `Your next invoice includes a prorated ${proration < 0 ? "credit" : "charge"} of ${formatCents(Math.abs(proration), plan.currency)}.`,
              ]
            : []),
        ],
      },
    });
    if (scheduled) {
      await tx.insert(subscriptionChanges).values({
        tenantId: tenant.id,
        subscriptionId: subscription.id,
        kind: "change",
        toPlanId: newPlan.id,
        toQuantity: quantity,
        eventId,
        effectiveAt,
        createdAt: now,
      });
    }
    return {
      subscriptionId: subscription.id,
      movement: trial ? null : movement,
      effectiveAt,
      scheduled,
      mrrBeforeCents: before,
      mrrAfterCents: after,
      prorationCents: proration,
    };
  });
}
