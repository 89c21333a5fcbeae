import type { Executor } from "@pp/db";
import { coupons, plans, subscriptions, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

export type SubscriptionForChange = {
  subscription: typeof subscriptions.$inferSelect;
  plan: typeof plans.$inferSelect;
  coupon: typeof coupons.$inferSelect | null;
  tenant: typeof tenants.$inferSelect;
};

/** Locks a subscription for a change and loads its plan, coupon and tenant; unknown ids are 404s. */
export async function loadSubscriptionForChange(tx: Executor, subscriptionId: string): Promise<SubscriptionForChange> {
  if (!isUuid(subscriptionId)) throw new AppError("not_found", "Subscription not found");
  const [row] = await tx
    .select({ subscription: subscriptions, plan: plans, coupon: coupons, tenant: tenants })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(tenants, eq(tenants.id, subscriptions.tenantId))
    .leftJoin(coupons, eq(coupons.id, subscriptions.couponId))
    .where(eq(subscriptions.id, subscriptionId))
    .for("update", { of: subscriptions });
  if (!row) throw new AppError("not_found", "Subscription not found");
  return row;
}
