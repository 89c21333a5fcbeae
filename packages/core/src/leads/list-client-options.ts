import { db, type Executor } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { asc } from "drizzle-orm";

/** Clients A→Z for a "Client" filter select (capped: beyond that, filter from Client 360). */
export async function listClientOptions(executor: Executor = db): Promise<{ value: string; label: string }[]> {
  const rows = await executor
    .select({ value: tenants.id, label: tenants.name })
    .from(tenants)
    .orderBy(asc(tenants.name))
    .limit(500);
  return rows;
}
