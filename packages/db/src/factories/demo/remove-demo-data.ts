import type pg from "pg";
import { DEMO_EMAIL_TLD, DEMO_SLUG_PREFIX } from "./simulate-tenant";

/**
 * Deletes every demo tenant (slug `demo-…`, with everything that cascades from it), its API
 * usage, organizations and the demo users (`….demo` emails). Run it inside the seed's transaction.
 */
export async function removeDemoData(client: pg.ClientBase): Promise<{ tenants: number; users: number }> {
  const found = await client.query<{ id: string; org_id: string }>(
    "select id, org_id from tenants where slug like $1",
    [`${DEMO_SLUG_PREFIX}%`],
  );
  const users = await client.query<{ id: string }>("select id from users where lower(email) like $1", [
    `%${DEMO_EMAIL_TLD}`,
  ]);
  const tenantIds = found.rows.map((row) => row.id);
  const userIds = users.rows.map((row) => row.id);
  if (tenantIds.length === 0 && userIds.length === 0) return { tenants: 0, users: 0 };
  await client.query("delete from api_usage where tenant_id = any($1::uuid[])", [tenantIds]);
  await client.query(
    "delete from api_usage where tenant_id is null and (actor = any($1::text[]) or actor = any($2::text[]))",
    [userIds, userIds.map((id) => `staff:${id}`)],
  );
  // Rollups have no foreign key: the demo tenants' history goes with them (hourly_global is refilled by the seed).
  for (const table of [
    "api_usage_rollups",
    "api_usage_rollups_hourly_tenants",
    "api_usage_rollups_daily",
    "api_usage_rollups_daily_tenants",
    "api_usage_rollups_weekly",
  ]) {
    await client.query(`delete from ${table} where tenant_id = any($1::uuid[])`, [tenantIds]);
  }
  await client.query("delete from tenants where id = any($1::uuid[])", [tenantIds]);
  await client.query(
    "delete from organizations o where o.id = any($1::uuid[]) and not exists (select 1 from tenants t where t.org_id = o.id)",
    [found.rows.map((row) => row.org_id)],
  );
  await client.query("delete from users where id = any($1::text[])", [userIds]);
  return { tenants: tenantIds.length, users: userIds.length };
}
