import { db, type Executor } from "@pp/db";
import { MRR_MOVEMENTS, plans, subscriptionEvents, tenants } from "@pp/db/schema";
import { and, desc, eq, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { parseInput } from "../parse-input";
import { loadRevenueTenants, type RevenueSource } from "./load-revenue-tenants";
import { resolveRange, ZRevenueQuery } from "./revenue-query";

export const ZRevenueMovementsQuery = ZRevenueQuery.extend({
  type: z.enum(MRR_MOVEMENTS).optional(),
  tenantId: z.uuid("must be a client id").optional(),
}).extend(ZPageQuery.shape);
export type TRevenueMovementsQuery = z.input<typeof ZRevenueMovementsQuery>;

export type RevenueMovement = {
  id: string;
  type: (typeof MRR_MOVEMENTS)[number];
  effectiveAt: Date;
  tenantId: string;
  tenantName: string;
  subscriptionId: string;
  fromPlan: string | null;
  toPlan: string | null;
  mrrBeforeCents: number;
  mrrAfterCents: number;
  changeCents: number;
};

const ZCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });
const fromPlans = alias(plans, "from_plans");
const toPlans = alias(plans, "to_plans");

/** The drill-down behind every revenue number: the ledger movements (newest first) with their clients. */
export async function listRevenueMovements(
  options: TRevenueMovementsQuery & { now?: Date; source?: RevenueSource },
  executor: Executor = db,
): Promise<Page<RevenueMovement>> {
  const query = parseInput(ZRevenueMovementsQuery, options);
  const range = resolveRange(query, options.now ?? new Date());
  const filters: (SQL | undefined)[] = [
    gte(subscriptionEvents.effectiveAt, new Date(`${range.from}-01T00:00:00Z`)),
    lt(subscriptionEvents.effectiveAt, range.before),
    query.type ? eq(subscriptionEvents.type, query.type) : undefined,
    query.tenantId ? eq(subscriptionEvents.tenantId, query.tenantId) : undefined,
  ];
  if (range.segment) {
    // The segment's clients exactly as the segments table groups them.
    const tenants = await loadRevenueTenants({ segment: range.segment, source: options.source }, executor);
    const ids = [...tenants.keys()];
    if (ids.length === 0) return { data: [], nextCursor: null };
    filters.push(inArray(subscriptionEvents.tenantId, ids));
  }
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, ZCursor);
    const at = new Date(cursor.at);
    filters.push(
      or(
        lt(subscriptionEvents.effectiveAt, at),
        and(eq(subscriptionEvents.effectiveAt, at), lt(subscriptionEvents.id, cursor.id)),
      ),
    );
  }
  const rows = await executor
    .select({
      id: subscriptionEvents.id,
      type: subscriptionEvents.type,
      effectiveAt: subscriptionEvents.effectiveAt,
      tenantId: subscriptionEvents.tenantId,
      tenantName: tenants.name,
      subscriptionId: subscriptionEvents.subscriptionId,
      fromPlan: fromPlans.name,
      toPlan: toPlans.name,
      mrrBeforeCents: subscriptionEvents.mrrBeforeCents,
      mrrAfterCents: subscriptionEvents.mrrAfterCents,
    })
    .from(subscriptionEvents)
    .innerJoin(tenants, eq(tenants.id, subscriptionEvents.tenantId))
    .leftJoin(fromPlans, eq(fromPlans.id, subscriptionEvents.fromPlanId))
    .leftJoin(toPlans, eq(toPlans.id, subscriptionEvents.toPlanId))
    .where(and(...filters))
    .orderBy(desc(subscriptionEvents.effectiveAt), desc(subscriptionEvents.id))
    .limit(query.limit + 1);
  return page(
    rows.map((row) => ({ ...row, changeCents: row.mrrAfterCents - row.mrrBeforeCents })),
    query.limit,
    (row) => ({ at: row.effectiveAt.toISOString(), id: row.id }),
  );
}
