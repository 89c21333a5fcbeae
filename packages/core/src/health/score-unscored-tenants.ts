import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { computeHealthScores } from "./compute-health-scores";

/**
 * Scores the clients that have no health score yet (a tenant created since the nightly run), so
 * every client has a tile the moment it exists (runbook §14).
 */
export async function scoreUnscoredTenants({ now = new Date() }: { now?: Date } = {}, executor: Executor = db) {
  const result = await executor.execute<{ id: string }>(sql`
    select id from tenants t where t.status <> 'churned'
      and not exists (select 1 from health_scores h where h.tenant_id = t.id)
    limit 500`);
  if (result.rows.length === 0) return { scored: 0 };
  return computeHealthScores({ now, tenantIds: result.rows.map((row) => row.id) }, executor);
}
