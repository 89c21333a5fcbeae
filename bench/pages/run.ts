// Benchmark: every Provider Portal page at seed:demo scale, fetched as a signed-in admin the way a
// browser asks for it (first byte to last byte of the HTML). Targets (issue #16 item 10): each page
// answers in < 200 ms p95 with < 300 KB of HTML at 5,000 tenants.
//   npm run bench:pages -- [--tenants 5000] [--months 12] [--runs 10] [--skip-build] [--keep] [--json]
// Uses DATABASE_URL's server (else an embedded PostgreSQL), a new database it drops afterwards, and
// the built portal started through scripts/lib/serve-app.mjs on port 3390.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { createConnection } from "@pp/db";
import { createStaffUser } from "@pp/db/factories";
import { migrateDatabase } from "@pp/db/migrate";
import { dropDatabase, ensureDatabase, startDatabaseServer } from "@pp/db/server";
import { sql } from "drizzle-orm";
import { NAVIGATION } from "../../apps/provider-portal/lib/navigation";
import { buildApps, ROOT, startApp, stopApps } from "../../scripts/lib/apps";
import { describeMachine, percentile } from "../lib/measure";

const TARGET_P95_MS = 200;
const TARGET_KB = 300;
const PORT = 3390;
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

async function main() {
  const { values } = parseArgs({
    options: {
      tenants: { type: "string" },
      months: { type: "string" },
      runs: { type: "string" },
      "skip-build": { type: "boolean" },
      keep: { type: "boolean" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const tenants = Number(values.tenants ?? 5_000);
  const months = Number(values.months ?? 12);
  const runs = Number(values.runs ?? 10);
  if (!values["skip-build"]) await buildApps({ quiet: true });
  const server = await startDatabaseServer({ dataDir: ".data/bench-postgres", port: 54349 });
  const name = `pp_bench_pages_${process.pid}`;
  await dropDatabase(server.adminUrl, name);
  const databaseUrl = await ensureDatabase(server.adminUrl, name);
  const connection = createConnection(databaseUrl, 2);
  const apps = [];
  try {
    await migrateDatabase(databaseUrl);
    const seedStarted = performance.now();
    await seedDemo(databaseUrl, tenants, months);
    log(`seeded ${tenants} tenants × ${months} months in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
    const admin = { email: "bench-admin@provider.test", password: randomBytes(12).toString("base64url") };
    await createStaffUser(connection.db, {
      email: admin.email,
      name: "Bench Admin",
      role: "admin",
      password: admin.password,
    });
    const sample = await connection.db.execute<{ id: string }>(
      sql`select id from tenants order by created_at limit 1 offset ${Math.floor(tenants / 2)}`,
    );
    const lead = await connection.db.execute<{ id: string }>(
      sql`select id from leads order by received_at desc limit 1`,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
      PORTAL_URL: `http://localhost:${PORT}`,
      LOG_LEVEL: "warn",
    };
    apps.push(await startApp({ name: "portal", dir: "apps/provider-portal", port: PORT, env, quiet: true }));
    const url = `http://localhost:${PORT}`;
    const cookie = await signIn(url, admin);
    const paths = [
      ...NAVIGATION.filter((item) => item.built).map((item) => item.href),
      `/provider/clients/${sample.rows[0]?.id}`,
      `/provider/leads/${lead.rows[0]?.id}`,
    ];
    const results = [];
    for (const page of paths) {
      const result = await timePage(`${url}${page}`, cookie, runs);
      results.push({ page, ...result });
      log(`${page}: ${result.status} p50 ${result.p50} ms, p95 ${result.p95} ms, ${result.kb} KB`);
    }
    const machine = describeMachine();
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ tenants, months, runs, machine, results }, null, 2)}\n`);
    } else {
      process.stdout.write(
        [
          `Pages at ${tenants} tenants × ${months} months, ${runs} runs each; ${machine.nproc} cores, load ${machine.loadAverage}`,
          "",
          "| page | status | p50 ms | p95 ms | HTML KB | within target |",
          "| ---- | ------ | ------ | ------ | ------- | ------------- |",
          ...results.map(
            (r) =>
              `| \`${r.page.replace(/[0-9a-f-]{36}/, "[id]")}\` | ${r.status} | ${r.p50} | ${r.p95} | ${r.kb} | ${
                r.p95 < TARGET_P95_MS && r.kb < TARGET_KB ? "yes" : "no"
              } |`,
          ),
          "",
        ].join("\n"),
      );
    }
  } finally {
    await stopApps(apps);
    await connection.pool.end();
    if (!values.keep) await dropDatabase(server.adminUrl, name);
    await server.stop();
  }
}

await main();
