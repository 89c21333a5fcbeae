import { db, type Executor } from "@pp/db";
import { plans } from "@pp/db/schema";
import { asc, isNotNull, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Page } from "../pagination";
import { describeIncludedLeadsRule } from "./lead-price";
import { liveSubscriptionsByPlan, type Plan } from "./pricing-rules";

export const ZPricingFilters = z.object({
  // A GET form's "Any" option sends `status=`.
  status: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["current", "archived"], "must be current or archived").optional(),
  ),
});
export type TPricingFilters = z.input<typeof ZPricingFilters>;

export type PlanView = Plan & {
  /** Trialing, active and past-due subscriptions on the plan. */
  activeSubscriptions: number;
  /** Price, interval, currency, included leads and price per lead cannot change while subscriptions are live. */
  billingTermsLocked: boolean;
  /** How its invoices charge leads, in the words the tenant's invoice uses. */
  leadPricingRule: string;
};

export function toPlanView(plan: Plan, activeSubscriptions: number): PlanView {
  return {
    ...plan,
    activeSubscriptions,
    billingTermsLocked: activeSubscriptions > 0,
    leadPricingRule: describeIncludedLeadsRule(plan),
  };
}

/** Every plan (current first by price, then archived), each with how many live subscriptions it has. */
export async function listPlans(options: TPricingFilters = {}, executor: Executor = db): Promise<Page<PlanView>> {
  const { status } = ZPricingFilters.parse(options);
  const rows = await executor
    .select()
    .from(plans)
    .where(
      status === "current" ? isNull(plans.archivedAt) : status === "archived" ? isNotNull(plans.archivedAt) : undefined,
    )
    .orderBy(asc(isNotNull(plans.archivedAt)), asc(plans.priceCents), asc(plans.code));
  const counts = await liveSubscriptionsByPlan(
    executor,
    rows.map((plan) => plan.id),
  );
  return { data: rows.map((plan) => toPlanView(plan, counts.get(plan.id) ?? 0)), nextCursor: null };
}
