import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import type { LedgerEvent } from "./ledger-math";
import { loadRevenueTenants, type RevenueSource, type RevenueTenant, type Segment } from "./load-revenue-tenants";

export type Ledger = { events: LedgerEvent[]; tenants: Map<string, RevenueTenant> };

/**
 * The MRR ledger up to (not including) `before`, with each client's segment attributes
 * (loadRevenueTenants). A segment keeps only that segment's clients.
 */
export async function loadLedger(
  options: { before: Date; segment?: Segment | null; withSources?: boolean; source?: RevenueSource },
  executor: Executor = db,
): Promise<Ledger> {
  const tenants = await loadRevenueTenants(options, executor);
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
