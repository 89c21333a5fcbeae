// EXPLAIN (ANALYZE, BUFFERS) of each Action Center bucket's query, as getActionCenter sends it, on
// a database kept by `npm run bench:action-center -- --keep`:
//   npx tsx bench/action-center/explain.ts <database url> [bucket…]
// The usage-drop signal is computed once first (the page reads it from a cache).
import { ACTION_BUCKETS, type ActionBucket } from "@pp/core/action-center/buckets";
import { getActionCenter } from "@pp/core/action-center/get-action-center";
import { findUsageDrops } from "@pp/core/action-center/usage-drops";
import { createConnection, type Executor } from "@pp/db";
import { type SQL, sql } from "drizzle-orm";

async function main() {
  const [url, ...names] = process.argv.slice(2);
  if (!url) throw new Error("usage: explain.ts <database url> [bucket…]");
  const buckets = (names.length > 0 ? names : ACTION_BUCKETS) as ActionBucket[];
  const connection = createConnection(url, 2);
  try {
    const now = new Date();
    const drops = await findUsageDrops(now, connection.db);
    for (const bucket of buckets) {
      const plans: string[] = [];
      // Runs each statement under EXPLAIN and hands getActionCenter no rows back (it only calls `execute`).
      const explaining = {
        execute: async (query: SQL) => {
          const result = await connection.db.execute<{ "QUERY PLAN": string }>(
            sql`explain (analyze, buffers) ${query}`,
          );
          plans.push(result.rows.map((row) => row["QUERY PLAN"]).join("\n"));
          return { rows: [] };
        },
      } as unknown as Executor;
      await getActionCenter({ bucket, now, usageDrops: async () => drops }, explaining);
      process.stdout.write(`\n=== ${bucket}\n${plans.join("\n---\n")}\n`);
    }
  } finally {
    await connection.pool.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
