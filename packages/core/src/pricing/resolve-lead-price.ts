import type { Executor } from "@pp/db";
import { leadCategories, plans, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { leadPriceCents } from "./lead-price";

export type ResolvedLeadPrice = {
  priceCents: number;
  /** The category row of the tenant's trade, or null when the trade has no such category. */
  category: typeof leadCategories.$inferSelect | null;
  currency: string;
};

/** The price a lead of `categoryCode` has for this tenant now (category price, else the plan's per-lead price). */
export async function resolveLeadPrice(
  tx: Executor,
  input: { tenantId: string; categoryCode: string },
): Promise<ResolvedLeadPrice> {
  const [row] = await tx
    .select({ trade: tenants.trade, currency: tenants.currency, plan: plans })
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, input.tenantId));
  if (!row) throw new Error(`tenant ${input.tenantId} does not exist`);
  const [category] = await tx
    .select()
    .from(leadCategories)
    .where(and(eq(leadCategories.trade, row.trade), eq(leadCategories.code, input.categoryCode)));
  return {
    priceCents: leadPriceCents({ category: category ?? null, plan: row.plan, tenantCurrency: row.currency }),
    category: category ?? null,
    currency: row.currency,
  };
}
