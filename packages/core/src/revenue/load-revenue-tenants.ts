import { db, type Executor } from "@pp/db";
import { LEAD_SOURCES, TRADES } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { AppError } from "../errors";

export const SEGMENT_KINDS = ["plan", "trade", "region", "source"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];
export type Segment = { kind: SegmentKind; value: string };

/**
 * Where a revenue view reads its figures: "auto" = the nightly snapshots for closed days and the
 * ledger for today; "ledger" = everything from the raw ledger (the benchmark's comparison, and the
 * tests that prove both agree).
 */
export type RevenueSource = "auto" | "ledger";

export type RevenueTenant = {
  id: string;
  name: string;
  plan: string;
  trade: string;
  region: string;
  source: string;
};

/** "plan:pro", "trade:hvac", "region:TX", "source:web" → a segment; anything else is a 400 on `segment`. */
export function parseSegment(value: string | undefined | null): Segment | null {
  if (!value) return null;
  const [kind, ...rest] = value.split(":");
  const segmentValue = rest.join(":").trim();
  const valid =
    SEGMENT_KINDS.some((k) => k === kind) &&
    segmentValue.length > 0 &&
    segmentValue.length <= 100 &&
    (kind !== "trade" || TRADES.some((t) => t === segmentValue)) &&
    (kind !== "source" || [...LEAD_SOURCES, "none"].some((s) => s === segmentValue));
  if (!valid) {
    const message = 'must look like "plan:pro", "trade:hvac", "region:TX" or "source:web"';
    throw new AppError("validation_failed", `Invalid query parameter "segment": ${message}`, {
      details: [{ path: "segment", message }],
    });
  }
  return { kind: kind as SegmentKind, value: segmentValue };
}

/**
 * Each client's main lead source: the nightly counts plus the leads received since they were taken.
 * `countedBefore` is passed as a value (not a subquery) so the planner reads only those recent
 * leads through leads_received_idx instead of scanning every lead.
 */
const mainSourceFromCounts = (countedBefore: string) => sql`
  with counts as (
    select tenant_id, source, leads::bigint as leads from tenant_lead_sources
    union all
    select tenant_id, source, count(*) from leads where received_at >= ${countedBefore}::timestamptz
    group by tenant_id, source
  ),
  main as (
    select distinct on (tenant_id) tenant_id, source
    from (select tenant_id, source, sum(leads) as leads from counts group by tenant_id, source) totals
    order by tenant_id, leads desc, source
  )`;

/**
 * The clients on the MRR ledger with their segment attributes: current plan, trade, region (its
 * region, else its first service area's state) and main lead source (the source most of its leads
 * came from, ties by name). Plan, trade and region are columns of the client; the lead source is
 * read only when `withSources` or the segment needs it: from the nightly counts
 * (tenant_lead_sources) plus the leads received since ("auto"), or by counting every lead ("ledger").
 * Both give the same answer. A segment keeps only that segment's clients.
 */
export async function loadRevenueTenants(
  options: { segment?: Segment | null; withSources?: boolean; source?: RevenueSource },
  executor: Executor = db,
): Promise<Map<string, RevenueTenant>> {
  const needsSources = options.withSources || options.segment?.kind === "source";
  const counted = needsSources && options.source !== "ledger";
  const mainSource = !needsSources
    ? sql`null::text`
    : counted
      ? sql`main.source`
      : sql`(select l.source from leads l where l.tenant_id = t.id
            group by l.source order by count(*) desc, l.source limit 1)`;
  const rows = await executor.execute<{
    id: string;
    name: string;
    plan: string | null;
    trade: string;
    region: string | null;
    source: string | null;
  }>(sql`
    ${counted ? mainSourceFromCounts(await countedBefore(executor)) : sql``}
    select t.id, t.name, p.code as plan, t.trade,
      coalesce(t.region, t.service_areas -> 0 ->> 'state') as region, ${mainSource} as source
    from tenants t
    left join plans p on p.id = t.plan_id
    ${counted ? sql`left join main on main.tenant_id = t.id` : sql``}
    where t.id in (select distinct tenant_id from subscription_events)
  `);
  const tenants = new Map<string, RevenueTenant>();
  for (const row of rows.rows) {
    const tenant: RevenueTenant = {
      id: row.id,
      name: row.name,
      plan: row.plan ?? "none",
      trade: row.trade,
      region: row.region ?? "unknown",
      source: row.source ?? "none",
    };
    if (options.segment && tenant[options.segment.kind] !== options.segment.value) continue;
    tenants.set(tenant.id, tenant);
  }
  return tenants;
}

/** When the nightly lead counts were taken ("-infinity" before the first run: every lead is counted live). */
async function countedBefore(executor: Executor): Promise<string> {
  const rows = await executor.execute<{ before: string }>(
    sql`select coalesce(max(counted_before), '-infinity')::text as before from tenant_lead_sources`,
  );
  return rows.rows[0]?.before ?? "-infinity";
}
