import { db, type Executor } from "@pp/db";
import { leadCategories, plans, tenants } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { leadPriceCents } from "../pricing/lead-price";

export type IntakeCategory = { code: string; name: string; priceCents: number; currency: string };

const ZListIntakeCategories = z.object({ tenantId: z.uuid() });

/**
 * The categories lead intake accepts for this tenant (its trade's catalog), each with the price a
 * lead of it is charged now — what a client reads before it POSTs /api/v1/leads.
 */
export async function listIntakeCategories(
  options: { tenantId: string },
  executor: Executor = db,
): Promise<{ data: IntakeCategory[] }> {
  const { tenantId } = parseInput(ZListIntakeCategories, options);
  const [tenant] = await executor
    .select({ trade: tenants.trade, currency: tenants.currency, plan: plans })
    .from(tenants)
    .leftJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError("not_found", "Tenant not found");
  const rows = await executor
    .select()
    .from(leadCategories)
    .where(eq(leadCategories.trade, tenant.trade))
    .orderBy(asc(leadCategories.name));
  return {
    data: rows.map((category) => ({
      code: category.code,
      name: category.name,
      priceCents: leadPriceCents({ category, plan: tenant.plan, tenantCurrency: tenant.currency }),
      currency: tenant.currency,
    })),
  };
}
