import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { isUuid } from "../parse-input";
import { TENANT_OPTION_COLUMNS, type TenantSearchResult } from "./search-tenants";

/**
 * The tenant a client picker shows as chosen when a page opens with `?tenantId=` in its URL;
 * null for an id that is malformed or names no tenant (the picker then reads "All clients").
 */
export async function getTenantOption(
  { id }: { id: string | null | undefined },
  executor: Executor = db,
): Promise<TenantSearchResult | null> {
  if (!id || !isUuid(id)) return null;
  const [row] = await executor.select(TENANT_OPTION_COLUMNS).from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}
