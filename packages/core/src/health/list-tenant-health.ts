import { db, type Executor } from "@pp/db";
import { HEALTH_BANDS, TRADES } from "@pp/db/schema";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { parseInput } from "../parse-input";
import { topReason } from "./explain-health";
import type { HealthBand, HealthBreakdown } from "./health-components";

export const TENANT_HEALTH_SORTS = ["score", "drop"] as const;

export const ZListTenantHealth = ZPageQuery.extend({
  band: z.enum(HEALTH_BANDS).optional(),
  csmUserId: z.string().min(1).max(100).optional(),
  trade: z.enum(TRADES).optional(),
  planId: z.uuid().optional(),
  /** `score`: lowest first; `drop`: the largest fall against a week before first. */
  sort: z.enum(TENANT_HEALTH_SORTS).default("score"),
});
export type TListTenantHealth = z.input<typeof ZListTenantHealth>;

export type TenantHealthTile = {
  tenantId: string;
  name: string;
  trade: (typeof TRADES)[number];
  planName: string | null;
  csmName: string | null;
  score: number;
  band: HealthBand;
  day: string;
  previousScore: number | null;
  trend: "up" | "down" | "flat" | null;
  topReason: string | null;
};

const ZCursor = z.object({ key: z.number().int(), id: z.uuid() });

/** /provider/tenant-health: one tile per scored client (not churned), filtered and sorted. */
export async function listTenantHealth(
  input: TListTenantHealth = {},
  executor: Executor = db,
): Promise<Page<TenantHealthTile>> {
  const query = parseInput(ZListTenantHealth, input);
  // Sort key, ascending: the score, or minus the drop (so the largest drop comes first).
  const key = query.sort === "score" ? sql`x.score` : sql`-(coalesce(x.previous_score, x.score) - x.score)`;
  const filters: SQL[] = [sql`t.status <> 'churned'`];
  if (query.band) filters.push(sql`l.band = ${query.band}`);
  if (query.csmUserId) filters.push(sql`t.csm_user_id = ${query.csmUserId}`);
  if (query.trade) filters.push(sql`t.trade = ${query.trade}`);
  if (query.planId) filters.push(sql`t.plan_id = ${query.planId}`);
  const cursor = query.cursor ? decodeCursor(query.cursor, ZCursor) : null;
  const result = await executor.execute<{
    tenant_id: string;
    name: string;
    trade: TenantHealthTile["trade"];
    plan_name: string | null;
    csm_name: string | null;
    score: number;
    band: HealthBand;
    day: string;
    components: Partial<HealthBreakdown>;
    previous_score: number | null;
    sort_key: number;
  }>(sql`
    with x as (
      -- The newest score per client through the (tenant_id, day) index: one lookup per client.
      select t.id as tenant_id, t.name, t.trade, p.name as plan_name, u.name as csm_name,
        l.score, l.band, l.day::text as day, l.components,
        (select h.score from health_scores h where h.tenant_id = t.id and h.day <= l.day - 7
          order by h.day desc limit 1) as previous_score
      from tenants t
      cross join lateral (
        select day, score, band, components from health_scores h
        where h.tenant_id = t.id order by h.day desc limit 1
      ) l
      left join plans p on p.id = t.plan_id
      left join users u on u.id = t.csm_user_id
      where ${sql.join(filters, sql` and `)}
    )
    select x.*, (${key})::int as sort_key from x
    ${cursor ? sql`where ((${key})::int, x.tenant_id) > (${cursor.key}, ${cursor.id}::uuid)` : sql``}
    order by sort_key, x.tenant_id
    limit ${query.limit + 1}`);
  const rows = result.rows.map((row) => ({
    tile: {
      tenantId: row.tenant_id,
      name: row.name,
      trade: row.trade,
      planName: row.plan_name,
      csmName: row.csm_name,
      score: row.score,
      band: row.band,
      day: row.day,
      previousScore: row.previous_score,
      trend: trendOf(row.score, row.previous_score),
      topReason: topReason(row.components),
    } satisfies TenantHealthTile,
    key: Number(row.sort_key),
  }));
  const { data, nextCursor } = page(rows, query.limit, (last) => ({ key: last.key, id: last.tile.tenantId }));
  return { data: data.map((row) => row.tile), nextCursor };
}

function trendOf(score: number, previous: number | null): TenantHealthTile["trend"] {
  if (previous === null) return null;
  return score > previous ? "up" : score < previous ? "down" : "flat";
}
