import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    databaseAdminUrl: string;
    databaseTemplate: string;
  }
}

/**
 * Once per run: the PostgreSQL server (DATABASE_URL's, else an embedded one) and a migrated
 * template database that every test file clones into its own database.
 */
export default async function setup(project: TestProject) {
  const server = await startDatabaseServer({ dataDir: ".data/test-postgres", port: 54339 });
  const template = `pp_template_${process.pid}`;
  await dropDatabase(server.adminUrl, template);
  const url = await ensureDatabase(server.adminUrl, template);
  await migrateDatabase(url);
  project.provide("databaseAdminUrl", server.adminUrl);
  project.provide("databaseTemplate", template);
  return async () => {
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
