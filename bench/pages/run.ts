// Benchmark: every Provider Portal page at seed:demo scale, fetched as a signed-in admin the way a
// browser asks for it (first byte to last byte of the HTML). Targets (issue #16 item 10): each page
// answers in < 200 ms p95 with < 300 KB of HTML at 5,000 tenants.
//   npm run bench:pages -- [--tenants 5000] [--months 12] [--runs 10] [--skip-build] [--keep] [--json]
//   npm run bench:pages -- --database-url postgres://…/pp_big [--runs 10] [--skip-build] [--port 3390]
// Without --database-url it seeds a new database on an embedded PostgreSQL and drops it afterwards;
// with it, it measures that database as it is (already seeded with seed:demo): it applies the
// migrations, adds a bench admin and keeps everything else. The built portal is started through
// scripts/lib/serve-app.mjs (port 3390 unless --port). The pages are bench/pages/paths.ts: every
// page file of the portal, ids opened on their largest subject.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { createConnection } from "@pp/db";
import { createStaffUser } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { sql } from "drizzle-orm";
import { buildApps, ROOT, startApp, stopApps } from "../../scripts/lib/apps";
import { BENCH_DATABASE } from "../lib/database";
import { describeMachine, percentile } from "../lib/measure";
import { benchPaths, findSubjects, uncoveredRoutes } from "./paths";

const TARGET_P95_MS = 200;
const TARGET_KB = 300;
const log = (line: string) => process.stderr.write(`${line}\n`);

function seedDemo(databaseUrl: string, tenants: number, months: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
        "scripts/seed-demo.ts",
        "--tenants",
        String(tenants),
        "--months",
        String(months),
      ],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ["ignore", "ignore", "inherit"] },
    );
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed:demo exited with ${code}`))));
  });
}

/** Signs in through Better Auth's endpoint and returns the session cookie header. */
async function signIn(url: string, login: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify(login),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

async function timePage(url: string, cookie: string, runs: number) {
  const fetchOnce = async () => {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const body = await response.arrayBuffer();
    return { ms: performance.now() - started, bytes: body.byteLength, status: response.status };
  };
  for (let index = 0; index < 2; index++) await fetchOnce();
  const samples: number[] = [];
  let last = { bytes: 0, status: 0 };
  for (let index = 0; index < runs; index++) {
    const sample = await fetchOnce();
    samples.push(sample.ms);
    last = sample;
  }
  samples.sort((a, b) => a - b);
  return {
    status: last.status,
    p50: Math.round(percentile(samples, 0.5)),
    p95: Math.round(percentile(samples, 0.95)),
    kb: Math.round(last.bytes / 1024),
  };
}

/** A database to measure: a fresh seed:demo one (dropped afterwards unless --keep), or the one given. */
async function openDatabase(options: { databaseUrl?: string; tenants: number; months: number; keep: boolean }) {
  if (options.databaseUrl) {
    await migrateDatabase(options.databaseUrl);
    return { databaseUrl: options.databaseUrl, release: async () => {} };
  }
  const server = await startDatabaseServer(BENCH_DATABASE);
  const name = `pp_bench_pages_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const databaseUrl = await ensureDatabase(server.adminUrl, name);
  const release = async () => {
    if (!options.keep) await dropDatabase(server.adminUrl, name);
    await server.stop();
  };
  try {
    await migrateDatabase(databaseUrl);
    const seedStarted = performance.now();
    await seedDemo(databaseUrl, options.tenants, options.months);
    log(
      `seeded ${options.tenants} tenants × ${options.months} months in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
    );
  } catch (error) {
    await release();
    throw error;
  }
  return { databaseUrl, release };
}

async function main() {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string" },
      months: { type: "string" },
      runs: { type: "string" },
      "database-url": { type: "string" },
      port: { type: "string" },
      "skip-build": { type: "boolean" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const runs = Number(values.runs ?? 10);
  const port = Number(values.port ?? 3390);
  if (!values["skip-build"]) await buildApps({ quiet: true });
  const database = await openDatabase({
    databaseUrl: values["database-url"],
    tenants: Number(values.tenants ?? 5_000),
    months: Number(values.months ?? 12),
    keep: values.keep ?? false,
  });
  const { databaseUrl } = database;
  const connection = createConnection(databaseUrl, 2);
  const apps = [];
  try {
    const tenantCount = await connection.db.execute<{ tenants: number }>(
      sql`select count(*)::int as tenants from tenants`,
    );
    const tenants = tenantCount.rows[0]?.tenants ?? 0;
    const paths = benchPaths(await findSubjects(connection.db));
    const missing = uncoveredRoutes(paths);
    if (missing.length > 0) throw new Error(`bench/pages/paths.ts has no page for ${missing.join(", ")}`);
    // One admin per run, so runs on a kept database never share a password.
    const admin = {
      email: `bench-admin-${Date.now().toString(36)}@provider.test`,
      password: randomBytes(12).toString("base64url"),
    };
    await createStaffUser(connection.db, {
      email: admin.email,
      name: "Bench Admin",
      role: "admin",
      password: admin.password,
    });
    const url = `http://localhost:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
      PORTAL_URL: url,
      LOG_LEVEL: "warn",
      // The portal's own jobs (rollups, invoicing, retries) would compete with the pages measured.
      JOBS_ENABLED: "false",
    };
    apps.push(await startApp({ name: "portal", dir: "apps/provider-portal", port, env, quiet: true }));
    const cookie = await signIn(url, admin);
    const results = [];
    for (const { path: page } of paths) {
      const result = await timePage(`${url}${page}`, cookie, runs);
      results.push({ page, ...result });
      log(`${page}: ${result.status} p50 ${result.p50} ms, p95 ${result.p95} ms, ${result.kb} KB`);
    }
    const machine = describeMachine();
    const within = (r: { p95: number; kb: number; status: number }) =>
      r.status === 200 && r.p95 < TARGET_P95_MS && r.kb < TARGET_KB;
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ tenants, runs, machine, results }, null, 2)}\n`);
    } else {
      process.stdout.write(
        [
          `Pages at ${tenants} tenants, ${runs} runs each; ${machine.nproc} cores, load ${machine.loadAverage}`,
          "",
          "| page | status | p50 ms | p95 ms | HTML KB | within target |",
          "| ---- | ------ | ------ | ------ | ------- | ------------- |",
          ...results.map(
            (r) =>
              `| \`${r.page.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "[id]")}\` | ${r.status} | ${r.p50} | ${r.p95} | ${r.kb} | ${
                within(r) ? "yes" : "no"
              } |`,
          ),
          "",
          `${results.filter(within).length} of ${results.length} pages within < ${TARGET_P95_MS} ms p95 and < ${TARGET_KB} KB; largest ${Math.max(...results.map((r) => r.kb))} KB`,
          "",
        ].join("\n"),
      );
    }
  } finally {
    await stopApps(apps);
    await connection.pool.end();
    await database.release();
  }
}

await main();
