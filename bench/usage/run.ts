// Benchmark: usage logging (issue 5, §6 a + b) and the public API's hot path (issue 16, item 11),
// in one command against a fresh, migrated database.
//   npm run bench:usage [-- --seconds 5 --rounds 9 --concurrency 8 --rows 1000000 --part all --json]
// (a) GET /api/v1/leads in-process through its full pipeline (API key auth, public-api rate limit,
//     input parsing, the lead query, JSON) with usage logging on and off, and the same query run
//     bare (pg + JSON.stringify), in rotating rounds of one run: throughput ratio and added p99 of
//     logging (aim ≥ 90 %, ≤ 1 ms), and the pipeline's cost over bare (aim: bare ≤ 3× its req/s).
// (b) Sustained ingest through the usage buffer's writer (COPY binary, batches): rows/s, and
//     written = sent exactly (counted in PostgreSQL), the writer's old and new settings rotated
//     in one run. Aim: ≥ 100k rows/s.
// Uses DATABASE_URL's server (or the embedded one when unset); creates and drops its own database.
import { register } from "node:module";
import { parseArgs } from "node:util";
import type { RouteHandler } from "@pp/http";
import { BENCH_DATABASE } from "../lib/database";
import { describeMachine, percentile } from "../lib/measure";

register("./app-alias-hooks.mjs", import.meta.url);

const LEADS_ROUTE = "../../apps/tenant-app/app/api/v1/leads/route.ts";
const THROUGHPUT_TARGET = 0.9;
const ADDED_P99_TARGET_MS = 1;
const INGEST_TARGET_ROWS_PER_SECOND = 100_000;
const BARE_RATIO_TARGET = 3;

// `route`, `overhead` or `ingest` runs only that part (e.g. under --cpu-prof); `all` runs (a), (a′) and (b).
type Part = "all" | "route" | "overhead" | "ingest";
const PARTS: readonly Part[] = ["all", "route", "overhead", "ingest"];
type Options = { seconds: number; rounds: number; concurrency: number; rows: number; part: Part; json: boolean };

function options(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string" },
      rounds: { type: "string" },
      concurrency: { type: "string" },
      rows: { type: "string" },
      part: { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const whole = (name: string, value: string | undefined, fallback: number) => {
    const parsed = Number(value ?? fallback);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive whole number`);
    return parsed;
  };
  const part = PARTS.find((name) => name === (values.part ?? "all"));
  if (!part) throw new Error(`--part must be one of ${PARTS.join(", ")}`);
  return {
    part,
    seconds: whole("seconds", values.seconds, 5),
    rounds: whole("rounds", values.rounds, 9),
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
  const server = await startDatabaseServer(BENCH_DATABASE);
  const name = `pp_bench_usage_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const url = await ensureDatabase(server.adminUrl, name);
  await migrateDatabase(url);
  process.env.DATABASE_URL = url;
  resetEnv();
  const { closeDb } = await import("@pp/db");
  try {
    const runs = (part: Part) => opts.part === "all" || opts.part === part;
    const route = runs("route") ? await routeBenchmark(opts, url) : null;
    const overhead = runs("overhead") ? await overheadBenchmark() : null;
    const ingest = runs("ingest") ? await ingestBenchmark(opts, url) : null;
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
type Mode = "off" | "on" | "bare";
// Rotated round by round, so machine drift (other work on a shared machine) hits every mode alike.
const MODES: readonly Mode[] = ["off", "on", "bare"];

// What listApiLeads sends for `?limit=25` (the page size + 1 rows, to know whether a next page exists).
const BARE_LEADS_SQL = `select l.*, c.name as category_name, l.received_at::text as received_at_text
  from leads l
  join tenants t on t.id = l.tenant_id
  left join lead_categories c on c.trade = t.trade and c.code = l.category
  where l.tenant_id = $1
  order by l.received_at desc, l.id desc
  limit 26`;

/**
 * (a) The route handler, in-process, logging on vs off, and the same query bare (its own pool of
 * the app's size, pg + JSON.stringify), rotating rounds so drift hits every mode equally.
 */
async function routeBenchmark(opts: Options, url: string) {
  const pg = (await import("pg")).default;
  const { env } = await import("@pp/env");
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
  const barePool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_SIZE });

  /** One request of `mode`: true when it succeeded. */
  async function call(mode: Mode): Promise<boolean> {
    if (mode === "bare") {
      const { rows } = await barePool.query(BARE_LEADS_SQL, [tenant.id]);
      const body = JSON.stringify({ data: rows.slice(0, 25), nextCursor: rows.length > 25 ? "next" : null });
      return body.length > 0 && rows.length === 26;
    }
    const response = await GET(new Request("http://bench.test/api/v1/leads?limit=25", { headers }), context);
    await response.arrayBuffer();
    return response.status === 200;
  }

  async function runFor(
    seconds: number,
    mode: Mode,
  ): Promise<{ latencies: number[]; failed: number; elapsed: number }> {
    setUsageLoggingEnabled(mode !== "off");
    const latencies: number[] = [];
    let failed = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: opts.concurrency }, async () => {
        while (performance.now() < deadline) {
          const begin = performance.now();
          const ok = await call(mode);
          latencies.push(performance.now() - begin);
          if (!ok) failed++;
        }
      }),
    );
    return { latencies, failed, elapsed: (performance.now() - started) / 1000 };
  }

  try {
    for (const mode of MODES) await runFor(2, mode);
    await getUsageBuffer().flush();
    const [before] = await db.select({ rows: count() }).from(apiUsage).where(eq(apiUsage.tenantId, tenant.id));

    const collected = Object.fromEntries(
      MODES.map((mode) => [mode, { latencies: [] as number[], failed: 0, elapsed: 0 }]),
    ) as Record<Mode, { latencies: number[]; failed: number; elapsed: number }>;
    for (let round = 0; round < opts.rounds; round++) {
      const mode = MODES[round % MODES.length] ?? "on";
      const result = await runFor(opts.seconds, mode);
      const into = collected[mode];
      for (const latency of result.latencies) into.latencies.push(latency);
      into.failed += result.failed;
      into.elapsed += result.elapsed;
    }
    setUsageLoggingEnabled(true);
    await getUsageBuffer().flush();
    const [after] = await db.select({ rows: count() }).from(apiUsage).where(eq(apiUsage.tenantId, tenant.id));
    const rowsLogged = (after?.rows ?? 0) - (before?.rows ?? 0);

    const summarize = (mode: (typeof collected)["on"]): ModeResult => {
      const sorted = [...mode.latencies].sort((a, b) => a - b);
      return {
        requests: sorted.length,
        failed: mode.failed,
        seconds: round3(mode.elapsed),
        rps: mode.elapsed > 0 ? Math.round(sorted.length / mode.elapsed) : 0,
        p50Ms: round3(percentile(sorted, 0.5)),
        p99Ms: round3(percentile(sorted, 0.99)),
      };
    };
    const on = summarize(collected.on);
    const off = summarize(collected.off);
    const bare = summarize(collected.bare);
    const throughputRatio = round3(on.rps / off.rps);
    const addedP99Ms = round3(on.p99Ms - off.p99Ms);
    // How many times the bare query's throughput the full pipeline (logging on, as deployed) falls short of.
    const bareRatio = round3(bare.rps / on.rps);
    return {
      route: "GET /api/v1/leads?limit=25 (25 leads of 200)",
      concurrency: opts.concurrency,
      on,
      off,
      bare,
      throughputRatio,
      addedP99Ms,
      bareRatio,
      bareP50Ratio: round3(on.p50Ms / bare.p50Ms),
      metBareTarget: bare.requests > 0 && bareRatio <= BARE_RATIO_TARGET && on.failed + bare.failed === 0,
      rowsLogged,
      rowsExpected: on.requests,
      passed:
        throughputRatio >= THROUGHPUT_TARGET &&
        addedP99Ms <= ADDED_P99_TARGET_MS &&
        on.failed + off.failed === 0 &&
        rowsLogged === on.requests,
      usageBuffer: getUsageBuffer().stats(),
    };
  } finally {
    await barePool.end();
  }
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

// (b) The writer as it was (one COPY at a time, batches of exactly 10,000) and as it is (two
// writers, a backlog in batches of up to 50,000), rotated so load hits both alike.
const INGEST_CONFIGS = {
  before: { writers: 1, maxBatchSize: 10_000 },
  after: { writers: 2, maxBatchSize: 50_000 },
} as const;
type IngestConfig = keyof typeof INGEST_CONFIGS;

/**
 * (b) Rows through createUsageBuffer + copyUsageWriter as fast as the writer takes them, in two
 * rounds per configuration (half the rows each), then `count(*)` after every round.
 */
async function ingestBenchmark(opts: Options, url: string) {
  const pg = (await import("pg")).default;
  const { copyUsageWriter, createUsageBuffer } = await import("@pp/core/usage/usage-buffer");
  const { randomUUID } = await import("node:crypto");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const batchSize = 10_000;
  const maxRows = 200_000;
  const tenants = Array.from({ length: 50 }, () => randomUUID());
  const routes = ["/api/v1/leads", "/api/v1/leads/[id]", "/api/v1/usage", "/api/t/[slug]/leads", "/api/v1/me"];

  async function round(config: IngestConfig, rows: number) {
    const flushes = { count: 0, seconds: 0 };
    const buffer = createUsageBuffer({
      write: copyUsageWriter(() => pool),
      batchSize,
      ...INGEST_CONFIGS[config],
      maxRows,
      intervalMs: 50,
      onFlush: (seconds) => {
        flushes.count++;
        flushes.seconds += seconds;
      },
    });
    try {
      await pool.query("truncate api_usage");
      const started = performance.now();
      let sent = 0;
      while (sent < rows) {
        // The producer keeps below the bound, so this measures the writer, not the drop policy.
        if (buffer.stats().buffered >= maxRows - batchSize) {
          await sleep(1);
          continue;
        }
        const at = Date.now();
        const chunk = Math.min(batchSize, rows - sent);
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
      return { sent, counted, seconds, stats, flushes };
    } finally {
      await buffer.stop();
    }
  }

  const totals = Object.fromEntries(
    Object.keys(INGEST_CONFIGS).map((config) => [
      config,
      { sent: 0, written: 0, counted: 0, dropped: 0, failedFlushes: 0, seconds: 0, batches: 0, copySeconds: 0 },
    ]),
  ) as Record<
    IngestConfig,
    Record<"sent" | "written" | "counted" | "dropped" | "failedFlushes" | "seconds" | "batches" | "copySeconds", number>
  >;
  try {
    const half = Math.ceil(opts.rows / 2);
    for (const config of ["before", "after", "before", "after"] as const) {
      const result = await round(config, half);
      const total = totals[config];
      total.sent += result.sent;
      total.counted += result.counted;
      total.written += result.stats.written;
      total.dropped += result.stats.dropped;
      total.failedFlushes += result.stats.failedFlushes;
      total.seconds += result.seconds;
      total.batches += result.flushes.count;
      total.copySeconds += result.flushes.seconds;
    }
  } finally {
    await pool.end();
  }
  const summarize = (config: IngestConfig) => {
    const total = totals[config];
    return {
      ...INGEST_CONFIGS[config],
      sent: total.sent,
      written: total.written,
      counted: total.counted,
      dropped: total.dropped,
      failedFlushes: total.failedFlushes,
      batches: total.batches,
      // Time inside COPY over wall time; above 1 when two writers overlap.
      writeShare: round3(total.copySeconds / total.seconds),
      seconds: round3(total.seconds),
      rowsPerSecond: Math.round(total.counted / total.seconds),
      passed: total.counted === total.sent && total.written === total.sent && total.dropped === 0,
    };
  };
  const before = summarize("before");
  const after = summarize("after");
  return {
    batchSize,
    maxRows,
    before,
    after,
    ...after,
    speedup: round3(after.rowsPerSecond / before.rowsPerSecond),
    metTarget: after.rowsPerSecond >= INGEST_TARGET_ROWS_PER_SECOND,
  };
}

function report(result: {
  route: Awaited<ReturnType<typeof routeBenchmark>> | null;
  overhead: Awaited<ReturnType<typeof overheadBenchmark>> | null;
  ingest: Awaited<ReturnType<typeof ingestBenchmark>> | null;
  machine: Record<string, unknown>;
}) {
  const { route, overhead, ingest } = result;
  const line = (mode: ModeResult) =>
    `${mode.requests.toLocaleString("en-US")} req in ${mode.seconds} s = ${mode.rps.toLocaleString("en-US")} req/s, p50 ${mode.p50Ms} ms, p99 ${mode.p99Ms} ms, failed ${mode.failed}`;
  let text = "";
  if (route) {
    text +=
      `(a) ${route.route}, concurrency ${route.concurrency}\n` +
      `    logging off: ${line(route.off)}\n` +
      `    logging on:  ${line(route.on)}\n` +
      `    bare query:  ${line(route.bare)}\n` +
      `    throughput ${Math.round(route.throughputRatio * 100)} % (aim ≥ ${THROUGHPUT_TARGET * 100} %), added p99 ${route.addedP99Ms} ms (aim ≤ ${ADDED_P99_TARGET_MS} ms), ` +
      `rows logged ${route.rowsLogged} of ${route.rowsExpected}: ${route.passed ? "met" : "NOT met"}\n` +
      `    bare ÷ pipeline (logging on): ${route.bareRatio}× the req/s, p50 ${route.bareP50Ratio}× (aim ≤ ${BARE_RATIO_TARGET}×: ${route.metBareTarget ? "met" : "NOT met"})\n`;
  }
  if (overhead) {
    text += `(a′) logging alone, no I/O: off mean ${overhead.off.meanMicros} µs (p99 ${overhead.off.p99Micros}), on mean ${overhead.on.meanMicros} µs (p99 ${overhead.on.p99Micros}): +${overhead.addedMeanMicros} µs per request\n`;
  }
  if (ingest) {
    const line = (name: string, run: typeof ingest.before) =>
      `    ${name} (writers ${run.writers}, batches ≤ ${run.maxBatchSize.toLocaleString("en-US")}): sent ${run.sent.toLocaleString("en-US")}, written ${run.written.toLocaleString("en-US")}, ` +
      `counted ${run.counted.toLocaleString("en-US")}, dropped ${run.dropped} in ${run.seconds} s = ${run.rowsPerSecond.toLocaleString("en-US")} rows/s, ` +
      `${run.batches} batches, COPY time ÷ wall ${run.writeShare}; written = sent: ${run.passed ? "yes" : "NO"}\n`;
    text +=
      `(b) ingest, two rounds each, rotated:\n${line("before", ingest.before)}${line("after ", ingest.after)}` +
      `    after ÷ before ${ingest.speedup}×; aim ≥ ${INGEST_TARGET_ROWS_PER_SECOND.toLocaleString("en-US")} rows/s: ${ingest.metTarget ? "met" : "NOT met"}\n`;
  }
  process.stdout.write(`${text}${JSON.stringify(result.machine)}\n`);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
