import type { Executor } from "@pp/db";
import { coupons, plans, subscriptionChanges, subscriptions, tenants } from "@pp/db/schema";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { addProrationLines } from "./add-proration-lines";
import { monthlyRecurringCents } from "./subscription-amounts";

/**
 * Called by the invoice job once it has invoiced a subscription's ended period: puts the period's
 * prorations on that invoice, then applies the changes scheduled for the period end (a downgrade
 * takes effect; a cancellation ends the subscription). `ended` tells the job not to roll it over.
 */
export async function settleSubscriptionPeriod(
  tx: Executor,
  input: { subscriptionId: string; tenantId: string; invoiceId: string | null; periodEnd: Date; now: Date },
): Promise<{ ended: boolean }> {
  const { subscriptionId, tenantId, now } = input;
  if (input.invoiceId) await addProrationLines(tx, { tenantId, subscriptionId, invoiceId: input.invoiceId, now });
  const due = await tx
    .select()
    .from(subscriptionChanges)
    .where(
      and(
        eq(subscriptionChanges.subscriptionId, subscriptionId),
        eq(subscriptionChanges.tenantId, tenantId),
        isNull(subscriptionChanges.appliedAt),
        isNull(subscriptionChanges.withdrawnAt),
        lte(subscriptionChanges.effectiveAt, input.periodEnd),
      ),
    )
    .orderBy(asc(subscriptionChanges.effectiveAt));
  let ended = false;
  for (const change of due) {
    if (change.kind === "cancel") {
      await tx
        .update(subscriptions)
        .set({
          status: "canceled",
          canceledAt: change.effectiveAt,
          cancelAtPeriodEnd: false,
          mrrCents: 0,
          updatedAt: now,
        })
        .where(and(eq(subscriptions.id, subscriptionId), eq(subscriptions.tenantId, tenantId)));
      await tx.update(tenants).set({ status: "churned", updatedAt: now }).where(eq(tenants.id, tenantId));
      ended = true;
    } else if (change.toPlanId) {
      // The coupon stays with the subscription across the change: a `forever` one keeps discounting MRR.
      const [row] = await tx
        .select({ subscription: subscriptions, plan: plans, coupon: coupons })
        .from(subscriptions)
        .innerJoin(plans, eq(plans.id, change.toPlanId))
        .leftJoin(coupons, eq(coupons.id, subscriptions.couponId))
        .where(eq(subscriptions.id, subscriptionId));
      if (row) {
        const quantity = change.toQuantity ?? row.subscription.quantity;
        await tx
          .update(subscriptions)
          .set({
            planId: row.plan.id,
            quantity,
            mrrCents: monthlyRecurringCents({
              plan: row.plan,
              quantity,
              status: row.subscription.status,
              coupon: row.coupon,
            }),
            updatedAt: now,
          })
          .where(eq(subscriptions.id, subscriptionId));
        await tx.update(tenants).set({ planId: row.plan.id, updatedAt: now }).where(eq(tenants.id, tenantId));
      }
    }
    await tx.update(subscriptionChanges).set({ appliedAt: now }).where(eq(subscriptionChanges.id, change.id));
  }
  return { ended };
}
