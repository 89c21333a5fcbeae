import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "drizzle");

/** Applies every committed migration not yet applied (drizzle's journal), then ensures partitions. */
export async function migrateDatabase(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query("set client_min_messages = warning");
    await migrate(drizzle({ client: pool }), { migrationsFolder });
    await pool.query("select ensure_api_usage_partitions(current_date - 1, 8)");
  } finally {
    await pool.end();
  }
}
