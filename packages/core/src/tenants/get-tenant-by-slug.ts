import { db } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";

/** The tenant with this slug, or null; callers check membership before showing anything. */
export async function getTenantBySlug(slug: string) {
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant ?? null;
}
