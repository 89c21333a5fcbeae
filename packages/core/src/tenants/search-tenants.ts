import { db, type Executor } from "@pp/db";
import { type TENANT_STATUSES, tenants } from "@pp/db/schema";
import { and, asc, ilike, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { zIntParam } from "../input/zod-pieces";
import { decodeCursor, type Page, page } from "../pagination";
import { parseInput } from "../parse-input";
import { likePattern } from "./like-pattern";

export type TenantSearchResult = {
  id: string;
  name: string;
  slug: string;
  status: (typeof TENANT_STATUSES)[number];
  /** Another tenant has the same name (case-insensitively): pickers show the slug to tell them apart. */
  sharesName: boolean;
};

/** A page of matches plus how many match in all, so a picker can say "Showing 8 of 23 — keep typing". */
export type TenantSearchPage = Page<TenantSearchResult> & { total: number };

/** The command palette shows this many; a client picker asks for up to MAX_SEARCH_LIMIT a page. */
export const MAX_SEARCH_RESULTS = 8;
export const MAX_SEARCH_LIMIT = 50;

export const ZSearchTenants = z.object({
  /** Part of the name or slug; blank lists every tenant A→Z (a picker opened before typing). */
  query: z.string().trim().max(100, "must be at most 100 characters").default(""),
  cursor: z.string().min(1).max(2048).optional(),
  limit: zIntParam({ min: 1, max: MAX_SEARCH_LIMIT }).default(MAX_SEARCH_RESULTS),
  /** Leave churned tenants out (forms that create something for a live tenant). */
  excludeChurned: z.boolean().default(false),
});
export type TSearchTenants = z.input<typeof ZSearchTenants>;

/**
 * Another tenant bears the same name, case-insensitively. Spelled with the table name because
 * drizzle leaves a one-table select's columns unqualified, which the subquery would read as its own.
 */
export const SHARES_NAME = sql<boolean>`exists (select 1 from tenants as other
  where lower(other.name) = lower(tenants.name) and other.id <> tenants.id)`;

/** The columns of a TenantSearchResult, shared by the search and the one-tenant lookup. */
export const TENANT_OPTION_COLUMNS = {
  id: tenants.id,
  name: tenants.name,
  slug: tenants.slug,
  status: tenants.status,
  sharesName: SHARES_NAME,
};

const ZPosition = z.tuple([z.number().int().min(0).max(2), z.string().max(400), z.uuid()]);

/**
 * Tenants whose name or slug contains `query` (the command palette and every client picker):
 * exact slug or name first, then names and slugs that start with it, then the rest, A→Z — a keyset
 * page of them with the total count, so no page ever has to embed the whole client list.
 */
export async function searchTenants(options: TSearchTenants, executor: Executor = db): Promise<TenantSearchPage> {
  const input = parseInput(ZSearchTenants, options);
  const text = input.query;
  const matches: SQL[] = [];
  if (text) {
    const pattern = likePattern(text);
    matches.push(or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)) as SQL);
  }
  if (input.excludeChurned) matches.push(ne(tenants.status, "churned"));
  const prefix = likePattern(text).slice(1);
  const rank = text
    ? sql<number>`(case
        when lower(${tenants.slug}) = lower(${text}) or lower(${tenants.name}) = lower(${text}) then 0
        when ${tenants.name} ilike ${prefix} or ${tenants.slug} ilike ${prefix} then 1
        else 2 end)`
    : sql<number>`(0)`;
  const sortName = sql<string>`lower(${tenants.name})`;
  const after = input.cursor ? decodeCursor(input.cursor, ZPosition) : null;
  const where = and(...matches);
  const keyset = after
    ? sql`(${rank}, ${sortName}, ${tenants.id}) > (${after[0]}, ${after[1]}, ${after[2]})`
    : undefined;

  const [rows, [counted]] = await Promise.all([
    executor
      .select({
        ...TENANT_OPTION_COLUMNS,
        rank: sql<number>`${rank}`.mapWith(Number),
        sortName,
      })
      .from(tenants)
      .where(and(where, keyset))
      .orderBy(...(text ? [asc(rank)] : []), asc(sortName), asc(tenants.id))
      .limit(input.limit + 1),
    executor
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(tenants)
      .where(where),
  ]);
  const result = page(rows, input.limit, (row) => [row.rank, row.sortName, row.id]);
  return {
    data: result.data.map(({ rank: _rank, sortName: _sortName, ...tenant }) => tenant),
    nextCursor: result.nextCursor,
    total: counted?.total ?? 0,
  };
}
