import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { asc } from "drizzle-orm";

/** Cap on the tenant select; past it, filter by pasting a tenant id into the URL (`?tenantId=`). */
export const MAX_AUDIT_TENANT_OPTIONS = 1000;

/** The tenants the Audit log's tenant filter offers, A→Z. */
export async function listAuditTenantOptions(executor: Executor = db): Promise<{ id: string; name: string }[]> {
  return executor
    .select({ id: tenants.id, name: tenants.name })
    .from(tenants)
    .orderBy(asc(tenants.name), asc(tenants.id))
    .limit(MAX_AUDIT_TENANT_OPTIONS);
}
