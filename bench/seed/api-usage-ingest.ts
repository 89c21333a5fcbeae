// Benchmark: 1,000,000 api_usage rows through the seed's ingest path (ingestApiUsage, COPY
// binary) into a fresh, migrated database. Target: ≥ 100k rows/s.
//   npx tsx bench/seed/api-usage-ingest.ts [--rows 1000000] [--json]
import { parseArgs } from "node:util";
import { DAY_MS, generateApiUsage, ingestApiUsage, Random, startOfUtcDay } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import pg from "pg";
import { BENCH_DATABASE } from "../lib/database";
import { describeMachine } from "../lib/measure";

const TARGET_ROWS_PER_SECOND = 100_000;
const DAYS = 30;

/** 200 tenants of mixed size, active the whole window: the traffic the demo seed produces. */
function syntheticTenants(random: Random, now: number) {
  return Array.from({ length: 200 }, (_, index) => ({
    id: random.uuid7(now - 400 * DAY_MS),
    activeSpans: [[0, now]] as [number, number][],
    weight: [1, 3, 8][index % 3] ?? 1,
    actorIds: [random.uuid7(now), random.uuid7(now)],
    heavy: index % 20 === 0,
    activity: () => 1,
    rateLimitPerMinute: 60,
    // No keys: every request a signed-in one, and no rate-limit bursts (those add rows beyond --rows).
    apiKeys: [],
    planCode: "basic" as const,
  }));
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string" }, json: { type: "boolean" } }, strict: true });
  const rows = Number(values.rows ?? 1_000_000);
  if (!Number.isInteger(rows) || rows <= 0)
    throw new Error(`--rows must be a positive whole number, got ${values.rows}`);
  const server = await startDatabaseServer(BENCH_DATABASE);
  const name = `pp_bench_ingest_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const url = await ensureDatabase(server.adminUrl, name);
  const client = new pg.Client({ connectionString: url });
  try {
    await migrateDatabase(url);
    await client.connect();
    const now = startOfUtcDay(new Date()).getTime();
    const from = now - DAYS * DAY_MS;
    await client.query("select ensure_api_usage_partitions($1::date, $2)", [
      new Date(from).toISOString().slice(0, 10),
      DAYS,
    ]);
    const random = new Random(42);
    const plan = {
      random,
      tenants: syntheticTenants(random, now),
      staffIds: [random.uuid7(now)],
      from,
      days: DAYS,
      total: rows,
    };
    const started = performance.now();
    const written = await ingestApiUsage(client, generateApiUsage(plan));
    const seconds = (performance.now() - started) / 1000;
    const counted = Number((await client.query<{ n: string }>("select count(*) as n from api_usage")).rows[0]?.n);
    const postgres =
      (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? "unknown";
    const result = {
      rows: written,
      counted,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(written / seconds),
      target: TARGET_ROWS_PER_SECOND,
      passed: counted === rows && written / seconds >= TARGET_ROWS_PER_SECOND,
      machine: { ...describeMachine(), postgres, embedded: server.embedded },
      date: new Date().toISOString(),
    };
    if (counted !== rows) throw new Error(`expected ${rows} api_usage rows, found ${counted}`);
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `${result.rows.toLocaleString("en-US")} rows in ${result.seconds} s = ${result.rowsPerSecond.toLocaleString("en-US")} rows/s ` +
          `(target ${TARGET_ROWS_PER_SECOND.toLocaleString("en-US")}: ${result.passed ? "met" : "NOT met"})\n` +
          `${JSON.stringify(result.machine)}\n`,
      );
    }
  } finally {
    await client.end().catch(() => {});
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
