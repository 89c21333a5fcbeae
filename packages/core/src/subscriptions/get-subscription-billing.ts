import { db, type Executor } from "@pp/db";
import {
  coupons,
  plans,
  subscriptionChanges,
  subscriptionEvents,
  subscriptionProrations,
  subscriptions,
  tenants,
} from "@pp/db/schema";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

const toPlans = alias(plans, "to_plans");
const fromPlans = alias(plans, "from_plans");

export type SubscriptionBilling = Awaited<ReturnType<typeof getSubscriptionBilling>>;

/**
 * Client 360 › Billing: the tenant's latest subscription (current or ended) with its plan and
 * coupon, the changes scheduled for it, prorations waiting for an invoice, its MRR history from
 * the ledger, and the plans it may move to.
 */
export async function getSubscriptionBilling(options: { tenantId: string }, executor: Executor = db) {
  if (!isUuid(options.tenantId)) throw new AppError("not_found", "Client not found");
  const [tenant] = await executor
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.id, options.tenantId));
  if (!tenant) throw new AppError("not_found", "Client not found");
  const [current] = await executor
    .select({ subscription: subscriptions, plan: plans, coupon: coupons })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .leftJoin(coupons, eq(coupons.id, subscriptions.couponId))
    .where(eq(subscriptions.tenantId, tenant.id))
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(1);
  const scheduled = current
    ? await executor
        .select({
          id: subscriptionChanges.id,
          kind: subscriptionChanges.kind,
          effectiveAt: subscriptionChanges.effectiveAt,
          toPlan: toPlans.name,
          toQuantity: subscriptionChanges.toQuantity,
          reason: subscriptionChanges.reason,
        })
        .from(subscriptionChanges)
        .leftJoin(toPlans, eq(toPlans.id, subscriptionChanges.toPlanId))
        .where(
          and(
            eq(subscriptionChanges.subscriptionId, current.subscription.id),
            eq(subscriptionChanges.tenantId, tenant.id),
            isNull(subscriptionChanges.appliedAt),
            isNull(subscriptionChanges.withdrawnAt),
          ),
        )
        .orderBy(asc(subscriptionChanges.effectiveAt))
    : [];
  const prorations = current
    ? await executor
        .select({
          id: subscriptionProrations.id,
          description: subscriptionProrations.description,
          amountCents: subscriptionProrations.amountCents,
        })
        .from(subscriptionProrations)
        .where(
          and(
            eq(subscriptionProrations.subscriptionId, current.subscription.id),
            eq(subscriptionProrations.tenantId, tenant.id),
            isNull(subscriptionProrations.invoiceLineId),
          ),
        )
        .orderBy(asc(subscriptionProrations.createdAt))
    : [];
  const history = await executor
    .select({
      id: subscriptionEvents.id,
      type: subscriptionEvents.type,
      effectiveAt: subscriptionEvents.effectiveAt,
      fromPlan: fromPlans.name,
      toPlan: toPlans.name,
      mrrBeforeCents: subscriptionEvents.mrrBeforeCents,
      mrrAfterCents: subscriptionEvents.mrrAfterCents,
    })
    .from(subscriptionEvents)
    .leftJoin(fromPlans, eq(fromPlans.id, subscriptionEvents.fromPlanId))
    .leftJoin(toPlans, eq(toPlans.id, subscriptionEvents.toPlanId))
    .where(eq(subscriptionEvents.tenantId, tenant.id))
    .orderBy(desc(subscriptionEvents.effectiveAt), desc(subscriptionEvents.id))
    .limit(50);
  const availablePlans = await executor
    .select({
      id: plans.id,
      name: plans.name,
      priceCents: plans.priceCents,
      interval: plans.interval,
      currency: plans.currency,
    })
    .from(plans)
    .where(isNull(plans.archivedAt))
    .orderBy(asc(plans.priceCents));
  return {
    tenant,
    subscription: current
      ? {
          ...current.subscription,
          planName: current.plan.name,
          planPriceCents: current.plan.priceCents,
          planInterval: current.plan.interval,
          coupon: current.coupon ? { code: current.coupon.code, name: current.coupon.name } : null,
        }
      : null,
    scheduled,
    prorations,
    history,
    availablePlans,
  };
}
