import { db, type Executor } from "@pp/db";
import { LEAD_SOURCES, TRADES } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { AppError } from "../errors";
import type { LedgerEvent } from "./ledger-math";

export const SEGMENT_KINDS = ["plan", "trade", "region", "source"] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];
export type Segment = { kind: SegmentKind; value: string };

export type LedgerTenant = {
  id: string;
  name: string;
  plan: string;
  trade: string;
  region: string;
  source: string;
};

export type Ledger = { events: LedgerEvent[]; tenants: Map<string, LedgerTenant> };

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
 * The MRR ledger up to (not including) `before`, with each tenant's segment attributes: its current
 * plan, trade, region (its region, else its first service area's state) and main lead source (the
 * source most of its leads came from). A segment keeps only that segment's tenants.
 */
export async function loadLedger(
  options: { before: Date; segment?: Segment | null; withSources?: boolean },
  executor: Executor = db,
): Promise<Ledger> {
  const tenantRows = await executor.execute<{
    id: string;
    name: string;
    plan: string | null;
    trade: string;
    region: string | null;
    source: string | null;
  }>(sql`
    select t.id, t.name, p.code as plan, t.trade,
      coalesce(t.region, t.service_areas -> 0 ->> 'state') as region,
      ${
        // Each client's main lead source reads its leads: only when a view needs it.
        options.withSources || options.segment?.kind === "source"
          ? sql`(select l.source from leads l where l.tenant_id = t.id
              group by l.source order by count(*) desc, l.source limit 1)`
          : sql`null::text`
      } as source
    from tenants t
    left join plans p on p.id = t.plan_id
    where t.id in (select distinct tenant_id from subscription_events)
  `);
  const tenants = new Map<string, LedgerTenant>();
  for (const row of tenantRows.rows) {
    const tenant: LedgerTenant = {
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
  const eventRows = await executor.execute<{
    id: string;
    tenant_id: string;
    subscription_id: string;
    type: LedgerEvent["type"];
    mrr_before_cents: number;
    mrr_after_cents: number;
    effective_at: string | Date;
  }>(sql`
    select id, tenant_id, subscription_id, type, mrr_before_cents, mrr_after_cents, effective_at
    from subscription_events where effective_at < ${options.before.toISOString()}::timestamptz
  `);
  const events: LedgerEvent[] = [];
  for (const row of eventRows.rows) {
    if (!tenants.has(row.tenant_id)) continue;
    events.push({
      id: row.id,
      tenantId: row.tenant_id,
      subscriptionId: row.subscription_id,
      type: row.type,
      mrrBeforeCents: Number(row.mrr_before_cents),
      mrrAfterCents: Number(row.mrr_after_cents),
      effectiveAt: new Date(row.effective_at),
    });
  }
  return { events, tenants };
}
