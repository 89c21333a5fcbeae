import { env } from "@pp/env";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "./schema";

export type Database = NodePgDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: domain functions accept both. */
export type Executor = Database | Transaction;

type Connection = { pool: pg.Pool; db: Database; url: string };
let connection: Connection | undefined;

export function createConnection(url: string, poolSize = env().DATABASE_POOL_SIZE): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    // JIT compiles a plan whose estimated cost is high (every cross-tenant dashboard query at
    // 5,000 tenants) in 20–50 ms, more than it saves on queries that answer in well under a second
    // (docs/benchmarks.md). A session setting rather than a startup option, which some poolers refuse.
    onConnect: async (client) => {
      await client.query("set jit = off");
    },
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on("error", () => {});
  return { pool, db: drizzle({ client: pool, schema, casing: "snake_case" }), url };
}

function current(): Connection {
  if (!connection) {
    const url = env().DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start through `npm start` (embedded PostgreSQL) or set it in .env");
    }
    connection = createConnection(url);
  }
  return connection;
}

/** The process-wide database handle, connected on first use from DATABASE_URL. */
export const db: Database = new Proxy({} as Database, {
  get: (_target, property) => Reflect.get(current().db, property),
});

export function getPool(): pg.Pool {
  return current().pool;
}

/**
 * A query built once per connection (`build` gets that connection's handle) and reused: for hot
 * paths, whose SQL is then neither rebuilt by Drizzle nor re-planned by PostgreSQL (give the
 * query a name with `.prepare(name)`). A new DATABASE_URL (tests) gets its own copy.
 */
export function reusedQuery<T>(build: (database: Database) => T): () => T {
  const built = new WeakMap<pg.Pool, T>();
  return () => {
    const open = current();
    let query = built.get(open.pool);
    if (query === undefined) {
      query = build(open.db);
      built.set(open.pool, query);
    }
    return query;
  };
}

export async function closeDb(): Promise<void> {
  const open = connection;
  connection = undefined;
  await open?.pool.end();
}

let shutdownInstalled = false;
/** Closes the pool on SIGINT/SIGTERM after in-flight work (other handlers run first). */
export function closeDbOnShutdown(beforeClose: () => Promise<void> = async () => {}): void {
  if (shutdownInstalled) return;
  shutdownInstalled = true;
  const stop = async () => {
    await beforeClose().catch(() => {});
    await closeDb().catch(() => {});
  };
  process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
}
