import { db, type Executor } from "@pp/db";
import { leadCategories, leads, tenants } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";

export type LeadCategoryOption = { code: string; name: string };

/** The categories a tenant can filter by: its trade's catalog plus any code its leads actually carry. */
export async function listTenantLeadCategories(
  options: { tenantId: string },
  executor: Executor = db,
): Promise<LeadCategoryOption[]> {
  const catalog = await executor
    .select({ code: leadCategories.code, name: leadCategories.name })
    .from(leadCategories)
    .innerJoin(tenants, eq(tenants.trade, leadCategories.trade))
    .where(eq(tenants.id, options.tenantId))
    .orderBy(asc(leadCategories.name));
  const used = await executor
    .selectDistinct({ code: leads.category })
    .from(leads)
    .where(eq(leads.tenantId, options.tenantId))
    .orderBy(asc(leads.category))
    .limit(200);
  const known = new Set(catalog.map((category) => category.code));
  const extra = used.filter((row) => !known.has(row.code)).map((row) => ({ code: row.code, name: humanize(row.code) }));
  return [...catalog, ...extra].sort((a, b) => a.name.localeCompare(b.name));
}

/** `water_heater` → `Water heater`, for codes that are not (or no longer) in the catalog. */
export function humanize(code: string): string {
  const words = code.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
