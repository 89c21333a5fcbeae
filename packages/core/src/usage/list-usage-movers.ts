import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { floorToHour } from "./api-usage-filters";
import { toCount } from "./api-usage-source";
import { tenantUsageSql } from "./list-tenant-usage";

export type UsageMover = {
  tenantId: string;
  tenantName: string;
  requests: number;
  priorRequests: number;
  changeRequests: number;
  errorRate: number;
};

/**
 * Each client's API requests in `current` against `prior`, largest change first (then by name);
 * clients whose count did not change are left out. One query over the rollup levels, so it costs
 * the same for 10 clients or 5,000.
 */
export async function listUsageMovers(
  options: { current: { from: Date; to: Date }; prior: { from: Date; to: Date }; now: Date; limit: number },
  executor: Executor = db,
): Promise<UsageMover[]> {
  const liveFrom = floorToHour(options.now);
  const upToNow = (range: { from: Date; to: Date }) => ({
    from: range.from,
    to: new Date(Math.min(range.to.getTime(), options.now.getTime())),
    liveFrom,
  });
  const result = await executor.execute<{
    tenant_id: string;
    tenant_name: string;
    requests: string;
    prior_requests: string;
    errors: string;
  }>(sql`
    with current_usage as (${tenantUsageSql(upToNow(options.current), {})}),
         prior_usage as (${tenantUsageSql(upToNow(options.prior), {})}),
         movers as (
           select coalesce(c.tenant_id, p.tenant_id) as tenant_id, coalesce(c.requests, 0) as requests,
                  coalesce(p.requests, 0) as prior_requests, coalesce(c.errors, 0) as errors
             from current_usage c full join prior_usage p on p.tenant_id = c.tenant_id
            where coalesce(c.requests, 0) <> coalesce(p.requests, 0))
    select m.tenant_id, t.name as tenant_name, m.requests, m.prior_requests, m.errors
      from movers m join tenants t on t.id = m.tenant_id
     order by abs(m.requests - m.prior_requests) desc, tenant_name, m.tenant_id
     limit ${options.limit}`);
  return result.rows.map((row) => {
    const requests = toCount(row.requests);
    const priorRequests = toCount(row.prior_requests);
    return {
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      requests,
      priorRequests,
      changeRequests: requests - priorRequests,
      errorRate: requests > 0 ? toCount(row.errors) / requests : 0,
    };
  });
}
