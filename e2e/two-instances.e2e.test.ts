import { JOB_DEFINITIONS } from "@pp/core/jobs/job-definitions";
import { apiUsage } from "@pp/db/schema";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type RoundRobinProxy, SERVED_BY_HEADER, startRoundRobinProxy } from "../tooling/proxy/round-robin-proxy";
import { type BrowserSession, openBrowser } from "./harness/browser";
import {
  deploymentEnv,
  EXTRA_PORT_BASE,
  type Instances,
  insertApiKey,
  type Seeded,
  seededDatabase,
  startInstances,
} from "./harness/instances";
import { signIn } from "./harness/sign-in";

const { databaseUrl } = inject("e2e");
const REDIS_URL = process.env.REDIS_URL;

const ports = {
  portal: [EXTRA_PORT_BASE + 2, EXTRA_PORT_BASE + 3],
  tenant: [EXTRA_PORT_BASE + 4, EXTRA_PORT_BASE + 5],
  portalProxy: EXTRA_PORT_BASE + 6,
  tenantProxy: EXTRA_PORT_BASE + 7,
};
const direct = (port: number) => `http://127.0.0.1:${port}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * One deployment as docs/deploy.md describes it: two instances of each app behind a round-robin
 * proxy (X-Forwarded-For, TRUSTED_PROXIES = the proxy), one PostgreSQL, one Redis.
 */
describe("two instances of each app behind a proxy", () => {
  let seeded: Seeded;
  let instances: Instances | undefined;
  let portalProxy: RoundRobinProxy;
  let tenantProxy: RoundRobinProxy;
  let browser: BrowserSession;
  let startedAt = 0;

  beforeAll(async () => {
    seeded = await seededDatabase(databaseUrl, "scale");
    portalProxy = await startRoundRobinProxy({
      upstreams: ports.portal.map(direct),
      port: ports.portalProxy,
    });
    tenantProxy = await startRoundRobinProxy({ upstreams: ports.tenant.map(direct), port: ports.tenantProxy });
    const env = deploymentEnv({
      databaseUrl: seeded.url,
      portalUrl: portalProxy.url,
      tenantUrl: tenantProxy.url,
      // Every instance runs the jobs: pg-boss must still run each scheduled job once.
      extra: { TRUSTED_PROXIES: "127.0.0.1,::1", JOBS_ENABLED: "true" },
    });
    startedAt = Date.now();
    instances = await startInstances(
      [
        ...ports.portal.map((port, index) => ({ name: `portal-${index}`, dir: "apps/provider-portal", port })),
        ...ports.tenant.map((port, index) => ({ name: `tenant-${index}`, dir: "apps/tenant-app", port })),
      ],
      env,
    );
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await instances?.stop();
    await portalProxy?.close();
    await tenantProxy?.close();
    await seeded?.drop();
  });

  it("a session signed in through the proxy works on every instance of its app", async () => {
    const { page, context } = browser;
    await signIn(page, portalProxy.url, seeded.staff, /\/provider$/);
    await signIn(page, tenantProxy.url, seeded.owner, new RegExp(`/t/${seeded.owner.slug}`));
    const cookieFor = async (url: string) =>
      (await context.cookies(url)).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

    for (const [ports_, path, url] of [
      [ports.portal, "/provider/clients", portalProxy.url],
      [ports.tenant, `/t/${seeded.owner.slug}/leads`, tenantProxy.url],
    ] as const) {
      const cookie = await cookieFor(url);
      for (const port of ports_) {
        const response = await fetch(`${direct(port)}${path}`, { headers: { cookie }, redirect: "manual" });
        expect(`${port}${path} ${response.status}`).toBe(`${port}${path} 200`);
      }
    }
    // And through the proxy, which rotates: both instances answered signed-in pages.
    const servedBy = new Set<string>();
    for (let request = 0; request < 4; request++) {
      const response = await fetch(`${portalProxy.url}/provider/clients`, {
        headers: { cookie: await cookieFor(portalProxy.url) },
        redirect: "manual",
      });
      expect(response.status).toBe(200);
      servedBy.add(response.headers.get(SERVED_BY_HEADER) ?? "");
    }
    expect([...servedBy].sort()).toEqual(["0", "1"]);
  });

  it.skipIf(!REDIS_URL)("a key's rate limit is counted once across instances (Redis)", async () => {
    const key = await insertApiKey(seeded, { name: "shared limit", rateLimitPerMinute: 6 });
    const statuses: number[] = [];
    const servedBy = new Set<string>();
    for (let request = 0; request < 12; request++) {
      const response = await fetch(`${tenantProxy.url}/api/v1/leads?limit=1`, {
        headers: { authorization: `Bearer ${key.token}` },
      });
      await response.arrayBuffer();
      statuses.push(response.status);
      servedBy.add(response.headers.get(SERVED_BY_HEADER) ?? "");
    }
    expect([...servedBy].sort()).toEqual(["0", "1"]);
    // Counted per instance, each would let six through: twelve 200s.
    expect(statuses).toEqual([...Array(6).fill(200), ...Array(6).fill(429)]);
  });

  it("every API request through the proxy is one usage row, written once", async () => {
    const key = await insertApiKey(seeded, { name: "usage once", rateLimitPerMinute: 100_000 });
    const sent = 40;
    const call = async () => {
      const response = await fetch(`${tenantProxy.url}/api/v1/leads?limit=2`, {
        headers: { authorization: `Bearer ${key.token}` },
      });
      await response.arrayBuffer();
      return response.headers.get(SERVED_BY_HEADER);
    };
    const servedBy: (string | null)[] = [];
    for (let batch = 0; batch < sent / 4; batch++)
      servedBy.push(...(await Promise.all([call(), call(), call(), call()])));
    expect(new Set(servedBy).size).toBe(2);
    const rows = async () => {
      const [row] = await seeded.connection.db
        .select({ rows: count(), ids: sql<number>`count(distinct ${apiUsage.id})::int` })
        .from(apiUsage)
        .where(eq(apiUsage.apiKeyId, key.id));
      return row;
    };
    await waitFor("the usage rows", async () => ((await rows())?.rows === sent ? true : undefined));
    // Each instance's buffer flushes every second: a second pass would show up by now.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await rows()).toEqual({ rows: sent, ids: sent });
  });

  it("each scheduled pg-boss job runs once per schedule, though every portal instance runs the jobs", async () => {
    for (const port of ports.portal) {
      const ready = await (await fetch(`${direct(port)}/api/health/ready`)).json();
      expect(ready.checks.jobs).toBe("running");
    }
    const everyMinute = JOB_DEFINITIONS.filter((job) => job.cron === "* * * * *").map((job) => job.name);
    const onStart = JOB_DEFINITIONS.filter((job) => job.runOnStart).map((job) => job.name);
    const { db } = seeded.connection;
    const jobsOf = async (name: string) =>
      (
        await db.execute<{ state: string; retries: number; key: string | null }>(sql`
          select state, retry_count as retries, singleton_key as key from pgboss.job where name = ${name}`)
      ).rows;
    // pg-boss checks schedules every 30 s (one instance at a time); wait out a second check.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + 35_000 - Date.now())));
    // A minute's tick, the next schedule check (30 s) and a worker poll: up to ~100 s after start-up.
    await waitFor(
      "the scheduled runs",
      async () => {
        const runs = await Promise.all(everyMinute.map(jobsOf));
        return runs.every((jobs) => jobs.some((job) => job.key === null && job.state === "completed"))
          ? true
          : undefined;
      },
      100_000,
    );

    // Each tick of a schedule is one send (pg-boss's cron queue, a singleton per schedule and minute)…
    const sends = await db.execute<{ job: string; slot: string; sends: number }>(sql`
      select data->>'name' as job, singleton_on::text as slot, count(*)::int as sends
      from pgboss.job where name = '__pgboss__send-it' group by 1, 2`);
    expect(sends.rows.length).toBeGreaterThan(0);
    expect(sends.rows.filter((row) => row.sends !== 1)).toEqual([]);
    // …and each send at most one job (pg-boss's "stately" queue folds a tick into a run still
    // waiting), each run once: no retry, none failed. A job row is only ever written by its send.
    for (const name of everyMinute) {
      const [row] = (
        await db.execute<{ ticks: number; jobs: number; retried: number }>(sql`
          select
            (select count(*)::int from pgboss.job where name = ${name} and singleton_key is distinct from 'on-start') as jobs,
            (select count(*)::int from pgboss.job where name = '__pgboss__send-it' and data->>'name' = ${name}) as ticks,
            (select count(*)::int from pgboss.job where name = ${name} and (retry_count > 0 or state = 'failed')) as retried`)
      ).rows;
      expect(row?.jobs).toBeGreaterThan(0);
      expect(row?.jobs).toBeLessThanOrEqual(row?.ticks ?? 0);
      expect({ name, retried: row?.retried }).toEqual({ name, retried: 0 });
    }
    // Both instances sent the start-up runs; one of each was queued.
    for (const name of onStart) {
      expect({ name, runs: (await jobsOf(name)).filter((job) => job.key === "on-start").length }).toEqual({
        name,
        runs: 1,
      });
    }
  }, 180_000);

  it("stops every instance cleanly on SIGTERM (drain, flush, pg-boss stopped, pools closed)", async () => {
    const codes = await instances?.stop();
    instances = undefined;
    expect(codes).toEqual([0, 0, 0, 0]);
  });
});
