import { db, type Executor } from "@pp/db";
import { type TENANT_STATUSES, tenants } from "@pp/db/schema";
import { asc, ilike, or, sql } from "drizzle-orm";
import { likePattern } from "./like-pattern";

export type TenantSearchResult = {
  id: string;
  name: string;
  slug: string;
  status: (typeof TENANT_STATUSES)[number];
};

export const MAX_SEARCH_RESULTS = 8;

/**
 * Tenants whose name or slug contains `query` (the command palette's "find a tenant"):
 * exact slug first, then names and slugs that start with it, then the rest, alphabetically.
 */
export async function searchTenants(
  { query, limit = MAX_SEARCH_RESULTS }: { query: string; limit?: number },
  executor: Executor = db,
): Promise<TenantSearchResult[]> {
  const text = query.trim();
  if (!text) return [];
  const pattern = likePattern(text);
  const prefix = `${pattern.slice(1)}`;
  const rank = sql`case
    when lower(${tenants.slug}) = lower(${text}) then 0
    when ${tenants.name} ilike ${prefix} or ${tenants.slug} ilike ${prefix} then 1
    else 2 end`;
  return executor
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, status: tenants.status })
    .from(tenants)
    .where(or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)))
    .orderBy(rank, asc(sql`lower(${tenants.name})`), asc(tenants.id))
    .limit(Math.min(Math.max(limit, 1), MAX_SEARCH_RESULTS));
}
