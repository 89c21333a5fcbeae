// Benchmark: usage logging (issue 5, §6 a + b), in one command against a fresh, migrated database.
//   npm run bench:usage [-- --seconds 5 --rounds 6 --concurrency 8 --rows 1000000 --json]
// (a) GET /api/v1/leads in-process through its full pipeline (API key auth, public-api rate limit,
//     input parsing, the lead query, JSON) with usage logging on and off in alternating rounds of
//     one run: throughput ratio and added p99. Aim: ≥ 90 % of the throughput, ≤ 1 ms added p99.
// (b) Sustained ingest through the usage buffer's writer (COPY binary, batches): rows/s, and
//     written = sent exactly (counted in PostgreSQL). Aim: ≥ 100k rows/s.
// Uses DATABASE_URL's server (or the embedded one when unset); creates and drops its own database.
import { register } from "node:module";
import { parseArgs } from "node:util";
import type { RouteHandler } from "@pp/http";
import { describeMachine, percentile } from "../lib/measure";

register("./app-alias-hooks.mjs", import.meta.url);

const LEADS_ROUTE = "../../apps/tenant-app/app/api/v1/leads/route.ts";
const THROUGHPUT_TARGET = 0.9;
const ADDED_P99_TARGET_MS = 1;
const INGEST_TARGET_ROWS_PER_SECOND = 100_000;

type Options = { seconds: number; rounds: number; concurrency: number; rows: number; json: boolean };

function options(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string" },
      rounds: { type: "string" },
      concurrency: { type: "string" },
      rows: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const whole = (name: string, value: string | undefined, fallback: number) => {
    const parsed = Number(value ?? fallback);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive whole number`);
    return parsed;
  };
  return {
    seconds: whole("seconds", values.seconds, 5),
    rounds: whole("rounds", values.rounds, 6),
    concurrency: whole("concurrency", values.concurrency, 8),
    rows: whole("rows", values.rows, 1_000_000),
    json: values.json ?? false,
  };
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const opts = options();
  process.env.LOG_LEVEL ??= "error";
  const { resetEnv } = await import("@pp/env");
  const { dropDatabase, ensureDatabase, startDatabaseServer } = await import("@pp/db/server");
  const { migrateDatabase } = await import("@pp/db/migrate");
  const server = await startDatabaseServer({ dataDir: ".data/bench-postgres", port: 54349 });
  const name = `pp_bench_usage_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const url = await ensureDatabase(server.adminUrl, name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  resetEnv();
  const { closeDb } = await import("@pp/db");
  try {
    const route = await routeBenchmark(opts);
    const overhead = await overheadBenchmark();
    const ingest = await ingestBenchmark(opts, url);
    const { db } = await import("@pp/db");
    const { sql } = await import("drizzle-orm");
    const version = await db.execute<{ v: string }>(sql`select current_setting('server_version') as v`);
    const result = {
      route,
      overhead,
      ingest,
      machine: { ...describeMachine(), postgres: version.rows[0]?.v ?? "unknown", embeddedPostgres: server.embedded },
      options: opts,
      date: new Date().toISOString(),
    };
    if (opts.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else report(result);
  } finally {
    await closeDb().catch(() => undefined);
    await dropDatabase(server.adminUrl, name).catch(() => undefined);
    await server.stop();
  }
}

type ModeResult = { requests: number; failed: number; seconds: number; rps: number; p50Ms: number; p99Ms: number };

/** (a) The route handler, in-process, logging on vs off, alternating rounds so drift hits both equally. */
async function routeBenchmark(opts: Options) {
  const { db } = await import("@pp/db");
  const { createApiKey } = await import("@pp/core/api-keys/create-api-key");
  const { createLead, createStaffUser, createTenant, ensureReferenceData } = await import("@pp/db/factories");
  const { apiUsage, tenantRateLimits } = await import("@pp/db/schema");
  const { getUsageBuffer } = await import("@pp/core/usage/usage-buffer");
  const { setUsageLoggingEnabled } = await import("@pp/http/usage-logging");
  const { count, eq } = await import("drizzle-orm");
  // A path in a variable: the route's `@/` imports resolve through app-alias-hooks.mjs, not this tsconfig.
  const routeModule: { GET: RouteHandler } = await import(LEADS_ROUTE);
  const { GET } = routeModule;

  await ensureReferenceData(db);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  const tenant = await createTenant(db, { name: "Bench Plumbing" });
  // The tenant's limit far above what one process can send: the limiter still runs on every request.
  await db.insert(tenantRateLimits).values({ tenantId: tenant.id, requestsPerMinute: 1_000_000_000, reason: "bench" });
  for (let index = 0; index < 200; index++) {
    await createLead(db, { tenantId: tenant.id, receivedAt: new Date(Date.now() - index * 60_000) });
  }
  const key = await createApiKey({
    actor: { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "bench" },
    tenantId: tenant.id,
    name: "bench",
    scopes: ["leads:read"],
  });
  const headers = { authorization: `Bearer ${key.key}` };
  const context = { params: Promise.resolve({}) };

  async function runFor(
    seconds: number,
    logging: boolean,
  ): Promise<{ latencies: number[]; failed: number; elapsed: number }> {
    setUsageLoggingEnabled(logging);
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (performance.now() < deadline) {
          const begin = performance.now();
          const response = await GET(new Request("http://bench.test/api/v1/leads?limit=25", { headers }), context);
          await response.arrayBuffer();
          latencies.push(performance.now() - begin);
          if (response.status !== 200) failed++;
        }
      }),
    );
    return { latencies, failed, elapsed: (performance.now() - started) / 1000 };
  }

  await runFor(2, false);
  await runFor(2, true);
  await getUsageBuffer().flush();
  const [before] = await db.select({ rows: count() }).from(apiUsage).where(eq(apiUsage.tenantId, tenant.id));

  const collected = {
    on: { latencies: [] as number[], failed: 0, elapsed: 0 },
    off: { latencies: [] as number[], failed: 0, elapsed: 0 },
  };
  for (let round = 0; round < opts.rounds; round++) {
    const logging = round % 2 === 1;
    const result = await runFor(opts.seconds, logging);
    const into = logging ? collected.on : collected.off;
    into.latencies.push(...result.latencies);
    into.failed += result.failed;
    into.elapsed += result.elapsed;
  }
  setUsageLoggingEnabled(true);
  await getUsageBuffer().flush();
  const [after] = await db.select({ rows: count() }).from(apiUsage).where(eq(apiUsage.tenantId, tenant.id));
  const rowsLogged = (after?.rows ?? 0) - (before?.rows ?? 0);

  const summarize = (mode: typeof collected.on): ModeResult => {
    const sorted = [...mode.latencies].sort((a, b) => a - b);
    return {
      requests: sorted.length,
      failed: mode.failed,
      seconds: round3(mode.elapsed),
      rps: Math.round(sorted.length / mode.elapsed),
      p50Ms: round3(percentile(sorted, 0.5)),
      p99Ms: round3(percentile(sorted, 0.99)),
    };
  };
  const on = summarize(collected.on);
  const off = summarize(collected.off);
  const throughputRatio = round3(on.rps / off.rps);
  const addedP99Ms = round3(on.p99Ms - off.p99Ms);
  return {
    route: "GET /api/v1/leads?limit=25 (25 leads of 200)",
    concurrency: opts.concurrency,
    on,
    off,
    throughputRatio,
    addedP99Ms,
    rowsLogged,
    rowsExpected: on.requests,
    passed:
      throughputRatio >= THROUGHPUT_TARGET &&
      addedP99Ms <= ADDED_P99_TARGET_MS &&
      on.failed + off.failed === 0 &&
      rowsLogged === on.requests,
    usageBuffer: getUsageBuffer().stats(),
  };
}

/**
 * (a′) What logging itself adds per request, without the database's noise: the same composed
 * handler (a 25-lead JSON page, no I/O) on and off, sequential, in alternating blocks.
 */
async function overheadBenchmark() {
  const { compose, json } = await import("@pp/http");
  const { setUsageLoggingEnabled, withUsageLogging } = await import("@pp/http/usage-logging");
  const { createUsageBuffer } = await import("@pp/core/usage/usage-buffer");
  const buffer = createUsageBuffer({ write: async () => undefined, intervalMs: 100 });
  const logged = withUsageLogging(compose, { app: "tenant", sink: buffer });
  const page = {
    data: Array.from({ length: 25 }, (_, index) => ({ id: `lead-${index}`, description: "x".repeat(300) })),
    nextCursor: null,
  };
  const route = logged({ route: "/api/v1/leads" })(() => json(page));
  const context = { params: Promise.resolve({}) };
  const samples = { on: [] as number[], off: [] as number[] };
  for (let block = 0; block < 20; block++) {
    const logging = block % 2 === 1;
    setUsageLoggingEnabled(logging);
    for (let index = 0; index < 2_000; index++) {
      const begin = performance.now();
      const response = await route(new Request("http://bench.test/api/v1/leads"), context);
      await response.arrayBuffer();
      (logging ? samples.on : samples.off).push((performance.now() - begin) * 1000);
    }
  }
  setUsageLoggingEnabled(true);
  await buffer.stop();
  const stat = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      meanMicros: Math.round(values.reduce((sum, value) => sum + value, 0) / values.length),
      p50Micros: Math.round(percentile(sorted, 0.5)),
      p99Micros: Math.round(percentile(sorted, 0.99)),
    };
  };
  const on = stat(samples.on);
  const off = stat(samples.off);
  return { requestsPerMode: samples.on.length, on, off, addedMeanMicros: on.meanMicros - off.meanMicros };
}

/** (b) Rows through createUsageBuffer + copyUsageWriter as fast as the writer takes them. */
async function ingestBenchmark(opts: Options, url: string) {
  const pg = (await import("pg")).default;
  const { copyUsageWriter, createUsageBuffer } = await import("@pp/core/usage/usage-buffer");
  const { randomUUID } = await import("node:crypto");
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const batchSize = 10_000;
  const maxRows = 200_000;
  const flushes = { count: 0, seconds: 0 };
  const buffer = createUsageBuffer({
    write: copyUsageWriter(() => pool),
    batchSize,
    maxRows,
    intervalMs: 50,
    onFlush: (seconds) => {
      flushes.count++;
      flushes.seconds += seconds;
    },
  });
  const tenants = Array.from({ length: 50 }, () => randomUUID());
  const routes = ["/api/v1/leads", "/api/v1/leads/[id]", "/api/v1/usage", "/api/t/[slug]/leads", "/api/v1/me"];
  try {
    await pool.query("truncate api_usage");
    const started = performance.now();
    let sent = 0;
    while (sent < opts.rows) {
      // The producer keeps below the bound, so this measures the writer, not the drop policy.
      if (buffer.stats().buffered >= maxRows - batchSize) {
        await sleep(1);
        continue;
      }
      const at = Date.now();
      const chunk = Math.min(batchSize, opts.rows - sent);
      for (let index = 0; index < chunk; index++) {
        const n = sent + index;
        buffer.add({
          tenantId: tenants[n % tenants.length] ?? null,
          apiKeyId: null,
          actor: null,
          app: "tenant",
          route: routes[n % routes.length] ?? "/api/v1/leads",
          method: n % 7 === 0 ? "POST" : "GET",
          status: n % 50 === 0 ? 429 : 200,
          bytes: 512 + (n % 4096),
          durationMs: 1 + (n % 40),
          at,
        });
      }
      sent += chunk;
      await new Promise((resolve) => setImmediate(resolve));
    }
    while (buffer.stats().buffered > 0) await buffer.flush();
    const seconds = (performance.now() - started) / 1000;
    const counted = Number((await pool.query<{ n: string }>("select count(*) as n from api_usage")).rows[0]?.n);
    const stats = buffer.stats();
    return {
      sent,
      written: stats.written,
      counted,
      dropped: stats.dropped,
      failedFlushes: stats.failedFlushes,
      batchSize,
      batches: flushes.count,
      // Share of the wall time spent inside COPY: near 1 means PostgreSQL (not the producer) sets the pace.
      writeShare: round3(flushes.seconds / seconds),
      seconds: round3(seconds),
      rowsPerSecond: Math.round(counted / seconds),
      passed: counted === sent && stats.written === sent && stats.dropped === 0,
      metTarget: counted / seconds >= INGEST_TARGET_ROWS_PER_SECOND,
    };
  } finally {
    await buffer.stop();
    await pool.end();
  }
}

function report(result: {
  route: Awaited<ReturnType<typeof routeBenchmark>>;
  overhead: Awaited<ReturnType<typeof overheadBenchmark>>;
  ingest: Awaited<ReturnType<typeof ingestBenchmark>>;
  machine: Record<string, unknown>;
}) {
  const { route, overhead, ingest } = result;
  const line = (mode: ModeResult) =>
    `${mode.requests.toLocaleString("en-US")} req in ${mode.seconds} s = ${mode.rps.toLocaleString("en-US")} req/s, p50 ${mode.p50Ms} ms, p99 ${mode.p99Ms} ms, failed ${mode.failed}`;
  process.stdout.write(
    `(a) ${route.route}, concurrency ${route.concurrency}\n` +
      `    logging off: ${line(route.off)}\n` +
      `    logging on:  ${line(route.on)}\n` +
      `    throughput ${Math.round(route.throughputRatio * 100)} % (aim ≥ ${THROUGHPUT_TARGET * 100} %), added p99 ${route.addedP99Ms} ms (aim ≤ ${ADDED_P99_TARGET_MS} ms), ` +
      `rows logged ${route.rowsLogged} of ${route.rowsExpected}: ${route.passed ? "met" : "NOT met"}\n` +
      `(a′) logging alone, no I/O: off mean ${overhead.off.meanMicros} µs (p99 ${overhead.off.p99Micros}), on mean ${overhead.on.meanMicros} µs (p99 ${overhead.on.p99Micros}): +${overhead.addedMeanMicros} µs per request\n` +
      `(b) ingest: sent ${ingest.sent.toLocaleString("en-US")}, written ${ingest.written.toLocaleString("en-US")}, counted ${ingest.counted.toLocaleString("en-US")}, dropped ${ingest.dropped} ` +
      `in ${ingest.seconds} s = ${ingest.rowsPerSecond.toLocaleString("en-US")} rows/s (aim ≥ ${INGEST_TARGET_ROWS_PER_SECOND.toLocaleString("en-US")}: ${ingest.metTarget ? "met" : "NOT met"}; written = sent: ${ingest.passed ? "yes" : "NO"})\n` +
      `${JSON.stringify(result.machine)}\n`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
