import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { asc, ne } from "drizzle-orm";

export type ApiKeyTenantOption = { id: string; name: string; slug: string };

const MAX_OPTIONS = 1000;

/** The tenants the Integrations Hub offers in its tenant filter and create form, A→Z; churned ones left out. */
export async function listApiKeyTenants(executor: Executor = db): Promise<ApiKeyTenantOption[]> {
  return executor
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug })
    .from(tenants)
    .where(ne(tenants.status, "churned"))
    .orderBy(asc(tenants.name), asc(tenants.slug))
    .limit(MAX_OPTIONS);
}
