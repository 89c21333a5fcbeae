import { createConnection } from "@pp/db";
import { leads } from "@pp/db/schema";
import { count, eq } from "drizzle-orm";

/**
 * How many leads a tenant has now. Browser tests share the seeded tenant, and some add leads to it
 * (e.g. a charged lead to dispute), so a page listing them is checked against the database, not a
 * number fixed at seeding.
 */
export async function countTenantLeads(databaseUrl: string, tenantId: string): Promise<number> {
  const connection = createConnection(databaseUrl, 1);
  try {
    const [row] = await connection.db.select({ n: count() }).from(leads).where(eq(leads.tenantId, tenantId));
    return row?.n ?? 0;
  } finally {
    await connection.pool.end();
  }
}
