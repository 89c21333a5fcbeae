import { db, type Executor } from "@pp/db";
import { leadDisputes, leads, tenants } from "@pp/db/schema";
import { and, count, eq, gte, lt, sql } from "drizzle-orm";

export type DisputeRate = { leads: number; disputes: number; approved: number; rate: number };
export type DisputeRates = {
  byTenant: (DisputeRate & { tenantId: string; tenantName: string })[];
  bySource: (DisputeRate & { source: string })[];
};

/**
 * Dispute rate = disputed leads ÷ leads received in [from, to), per tenant and per lead source
 * (optionally for one tenant). Rates are fractions (0.125 = 12.5 %), 0 when no leads arrived.
 */
export async function getDisputeRates(
  options: { from: Date; to: Date; tenantId?: string },
  executor: Executor = db,
): Promise<DisputeRates> {
  const where = and(
    gte(leads.receivedAt, options.from),
    lt(leads.receivedAt, options.to),
    options.tenantId ? eq(leads.tenantId, options.tenantId) : undefined,
  );
  const measures = {
    leads: count(leads.id),
    disputes: count(leadDisputes.id),
    approved: sql<number>`count(*) filter (where ${leadDisputes.status} = 'approved')`.mapWith(Number),
  };
  const joinDisputes = and(eq(leadDisputes.leadId, leads.id), eq(leadDisputes.tenantId, leads.tenantId));
  const [byTenant, bySource] = await Promise.all([
    executor
      .select({ tenantId: leads.tenantId, tenantName: tenants.name, ...measures })
      .from(leads)
      .innerJoin(tenants, eq(tenants.id, leads.tenantId))
      .leftJoin(leadDisputes, joinDisputes)
      .where(where)
      .groupBy(leads.tenantId, tenants.name),
    executor
      .select({ source: leads.source, ...measures })
      .from(leads)
      .leftJoin(leadDisputes, joinDisputes)
      .where(where)
      .groupBy(leads.source),
  ]);
  const withRate = <T extends { leads: number; disputes: number }>(row: T) => ({
    ...row,
    rate: row.leads === 0 ? 0 : row.disputes / row.leads,
  });
  return {
    byTenant: byTenant.map(withRate).sort((a, b) => b.rate - a.rate),
    bySource: bySource.map(withRate).sort((a, b) => b.rate - a.rate),
  };
}
