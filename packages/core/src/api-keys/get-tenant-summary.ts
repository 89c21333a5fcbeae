import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";

export type TenantSummary = { id: string; name: string; slug: string };

/** The tenant an API key belongs to, as `GET /api/v1/me` shows it. */
export async function getTenantSummary(options: { tenantId: string }, executor: Executor = db): Promise<TenantSummary> {
  const [tenant] = await executor
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.id, options.tenantId))
    .limit(1);
  // The key authenticated a moment ago; its tenant can only be gone if it was deleted since.
  if (!tenant) throw new AppError("unauthenticated", "Invalid or revoked API key");
  return tenant;
}
