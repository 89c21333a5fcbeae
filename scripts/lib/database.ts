import { migrateDatabase } from "@pp/db/migrate";
import { ensureDatabase, startDatabaseServer, withDatabase } from "@pp/db/server";
import { env, resetEnv } from "@pp/env";

export type ProductDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * The product's database, ready to use: DATABASE_URL's server (the database is created if
 * missing) or an embedded PostgreSQL under DATA_DIR; migrated; DATABASE_URL set for this process.
 */
export async function openProductDatabase(options: { log?: (line: string) => void } = {}): Promise<ProductDatabase> {
  const configured = env().DATABASE_URL;
  const server = await startDatabaseServer({ log: options.log });
  const name = configured ? new URL(configured).pathname.slice(1) || "provider_portal" : "provider_portal";
  await ensureDatabase(server.adminUrl, name);
  const url = configured ?? withDatabase(server.adminUrl, name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  resetEnv();
  return { url, embedded: server.embedded, stop: server.stop };
}
