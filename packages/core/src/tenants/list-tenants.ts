import { db, type Executor } from "@pp/db";
import { type ONBOARDING_STATUSES, plans, type TENANT_STATUSES, type TRADES, tenants, users } from "@pp/db/schema";
import { and, asc, desc, eq, gte, ilike, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { decodeCursor, type Page, page } from "../pagination";
import { currentSubscriptionOf } from "./current-subscription";
import { likePattern } from "./like-pattern";

export const TENANT_SORTS = ["name", "created", "mrr", "status"] as const;
export type TenantSort = (typeof TENANT_SORTS)[number];
export type SortDirection = "asc" | "desc";

/** How each sort reads when first chosen: names A→Z, everything else biggest/newest first. */
export const DEFAULT_DIRECTION: Record<TenantSort, SortDirection> = {
  name: "asc",
  created: "desc",
  mrr: "desc",
  status: "asc",
};

export type ListTenantsOptions = {
  /** Matches name or slug, case-insensitively, anywhere in the text. */
  search?: string;
  status?: (typeof TENANT_STATUSES)[number];
  trade?: (typeof TRADES)[number];
  planId?: string;
  region?: string;
  onboardingStatus?: (typeof ONBOARDING_STATUSES)[number];
  csmUserId?: string;
  /** Created on or after this day (`YYYY-MM-DD`, UTC). */
  createdFrom?: string;
  sort?: TenantSort;
  direction?: SortDirection;
  cursor?: string;
  limit?: number;
};

export type TenantListItem = {
  id: string;
  name: string;
  slug: string;
  trade: (typeof TRADES)[number];
  status: (typeof TENANT_STATUSES)[number];
  region: string | null;
  onboardingStatus: (typeof ONBOARDING_STATUSES)[number];
  createdAt: Date;
  plan: { id: string; name: string } | null;
  /** The current (active, trialing or past-due) subscription's MRR; 0 without one. */
  mrrCents: number;
  currency: string;
  csm: { id: string; name: string } | null;
};

const ZCursor = z.object({
  sort: z.enum(TENANT_SORTS),
  direction: z.enum(["asc", "desc"]),
  // The sort column's value as SQL text (exact to the microsecond for timestamps).
  value: z.union([z.string(), z.number()]),
  id: z.uuid(),
});
type Cursor = z.output<typeof ZCursor>;

const MAX_LIMIT = 100;

/**
 * One page of tenants for the Clients list, with plan, MRR and CSM. Keyset pagination on the
 * sort column + id, so rows inserted while paging never shift or repeat a page.
 */
export async function listTenants(
  options: ListTenantsOptions = {},
  executor: Executor = db,
): Promise<Page<TenantListItem>> {
  const sort = options.sort ?? "created";
  const direction = options.direction ?? DEFAULT_DIRECTION[sort];
  const limit = Math.min(Math.max(options.limit ?? 25, 1), MAX_LIMIT);
  const current = currentSubscriptionOf(executor);
  const planId = sql<string | null>`coalesce(${tenants.planId}, ${current.subscriptionPlanId})`;
  const mrrCents = sql<number>`coalesce(${current.mrrCents}, 0)`;

  // Each sort's key as SQL, and its value as text the cursor can carry and cast back exactly.
  const sortKey: Record<TenantSort, { column: SQL; asText: SQL; fromCursor: (value: string | number) => SQL }> = {
    name: {
      column: sql`lower(${tenants.name})`,
      asText: sql`lower(${tenants.name})`,
      fromCursor: (value) => sql`${String(value)}::text`,
    },
    created: {
      column: sql`${tenants.createdAt}`,
      asText: sql`${tenants.createdAt}::text`,
      fromCursor: (value) => sql`${String(value)}::timestamptz`,
    },
    mrr: {
      column: mrrCents,
      asText: sql`${mrrCents}::text`,
      fromCursor: (value) => sql`${Number(value)}::integer`,
    },
    status: {
      column: sql`${tenants.status}`,
      asText: sql`${tenants.status}`,
      fromCursor: (value) => sql`${String(value)}::text`,
    },
  };
  const key = sortKey[sort];

  const filters: (SQL | undefined)[] = [
    options.status ? eq(tenants.status, options.status) : undefined,
    options.trade ? eq(tenants.trade, options.trade) : undefined,
    options.region ? eq(tenants.region, options.region) : undefined,
    options.onboardingStatus ? eq(tenants.onboardingStatus, options.onboardingStatus) : undefined,
    options.csmUserId ? eq(tenants.csmUserId, options.csmUserId) : undefined,
    options.planId ? sql`${planId} = ${options.planId}::uuid` : undefined,
    options.createdFrom ? gte(tenants.createdAt, new Date(`${options.createdFrom}T00:00:00Z`)) : undefined,
  ];
  const search = options.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    filters.push(or(ilike(tenants.name, pattern), ilike(tenants.slug, pattern)));
  }
  if (options.cursor) {
    const position = readCursor(options.cursor, sort, direction);
    const after = direction === "asc" ? sql`>` : sql`<`;
    filters.push(
      sql`(${key.column}, ${tenants.id}) ${after} (${key.fromCursor(position.value)}, ${position.id}::uuid)`,
    );
  }

  const order = direction === "asc" ? asc : desc;
  const rows = await executor
    .select({
      id: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      trade: tenants.trade,
      status: tenants.status,
      region: tenants.region,
      onboardingStatus: tenants.onboardingStatus,
      createdAt: tenants.createdAt,
      planId: plans.id,
      planName: plans.name,
      mrrCents,
      currency: sql<string>`coalesce(${current.currency}, 'USD')`,
      csmId: users.id,
      csmName: users.name,
      sortValue: sql<string>`${key.asText}`,
    })
    .from(tenants)
    .leftJoinLateral(current, sql`true`)
    .leftJoin(plans, eq(plans.id, planId))
    .leftJoin(users, eq(users.id, tenants.csmUserId))
    .where(and(...filters))
    .orderBy(order(key.column), order(tenants.id))
    .limit(limit + 1);

  const result = page(rows, limit, (row): Cursor => ({ sort, direction, value: row.sortValue, id: row.id }));
  return {
    nextCursor: result.nextCursor,
    data: result.data.map((row) => ({
      id: row.id,
      name: row.name,
      slug: row.slug,
      trade: row.trade,
      status: row.status,
      region: row.region,
      onboardingStatus: row.onboardingStatus,
      createdAt: row.createdAt,
      plan: row.planId && row.planName ? { id: row.planId, name: row.planName } : null,
      mrrCents: Number(row.mrrCents),
      currency: row.currency,
      csm: row.csmId && row.csmName ? { id: row.csmId, name: row.csmName } : null,
    })),
  };
}

function readCursor(cursor: string, sort: TenantSort, direction: SortDirection): Cursor {
  const position = decodeCursor(cursor, ZCursor);
  // A cursor only continues the order it came from; after a sort change the list starts over.
  if (position.sort !== sort || position.direction !== direction) {
    const message = "belongs to a different sort order — start again from the first page";
    throw new AppError("validation_failed", `Invalid query parameter "cursor": ${message}`, {
      details: [{ path: "cursor", message }],
    });
  }
  return position;
}
