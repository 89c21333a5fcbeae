import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

/** The client a success record belongs to; an unknown or malformed id is `not_found`. */
export async function getTenantOrThrow(
  { tenantId }: { tenantId: string },
  executor: Executor = db,
): Promise<{ id: string; name: string; csmUserId: string | null }> {
  if (!isUuid(tenantId)) throw new AppError("not_found", "Client not found");
  const [tenant] = await executor
    .select({ id: tenants.id, name: tenants.name, csmUserId: tenants.csmUserId })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError("not_found", "Client not found");
  return tenant;
}
