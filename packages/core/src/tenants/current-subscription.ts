import type { Executor } from "@pp/db";
import { subscriptions, tenants } from "@pp/db/schema";
import { and, desc, eq, inArray } from "drizzle-orm";

/** A tenant's subscription counts as current (and its MRR as revenue) in these states. */
export const CURRENT_SUBSCRIPTION_STATUSES = ["active", "trialing", "past_due"] as const;

/**
 * A lateral subquery: the tenant's newest current subscription (joined with `on true` to a
 * query over `tenants`). A tenant should have at most one; the newest wins if data says otherwise.
 */
export function currentSubscriptionOf(executor: Executor) {
  return executor
    .select({
      subscriptionId: subscriptions.id,
      subscriptionPlanId: subscriptions.planId,
      subscriptionStatus: subscriptions.status,
      mrrCents: subscriptions.mrrCents,
      currency: subscriptions.currency,
    })
    .from(subscriptions)
    .where(and(eq(subscriptions.tenantId, tenants.id), inArray(subscriptions.status, CURRENT_SUBSCRIPTION_STATUSES)))
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(1)
    .as("current_subscription");
}
