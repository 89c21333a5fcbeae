import { db, type Executor } from "@pp/db";
import { plans, tenants } from "@pp/db/schema";
import { asc, isNotNull, isNull } from "drizzle-orm";

export type TenantFilterOptions = {
  plans: { id: string; name: string }[];
  /** Regions tenants are actually in, A→Z. */
  regions: string[];
};

/** The choices the Clients filter bar offers: live plans and the regions in use. */
export async function listTenantFilterOptions(executor: Executor = db): Promise<TenantFilterOptions> {
  const [planRows, regionRows] = await Promise.all([
    executor
      .select({ id: plans.id, name: plans.name })
      .from(plans)
      .where(isNull(plans.archivedAt))
      .orderBy(asc(plans.priceCents), asc(plans.name)),
    executor
      .selectDistinct({ region: tenants.region })
      .from(tenants)
      .where(isNotNull(tenants.region))
      .orderBy(asc(tenants.region)),
  ]);
  return { plans: planRows, regions: regionRows.flatMap((row) => (row.region ? [row.region] : [])) };
}
