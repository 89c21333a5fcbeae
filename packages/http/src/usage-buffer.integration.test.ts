import { randomUUID } from "node:crypto";
import net from "node:net";
import { copyUsageWriter, createUsageBuffer, type UsageEvent } from "@pp/core/usage/usage-buffer";
import { db } from "@pp/db";
import { apiUsage } from "@pp/db/schema";
import { env } from "@pp/env";
import { count, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BaseContext, compose, json, type Step } from "./index";
import { callRoute, testRequest } from "./testing";
import { withUsageLogging } from "./usage-logging";

/** A TCP proxy to the test database that can be cut (every connection dropped, new ones refused) and restored. */
class CuttableProxy {
  private server: net.Server | undefined;
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

const target = new URL(env().DATABASE_URL ?? "");
let proxy: CuttableProxy;
let pool: pg.Pool;

beforeAll(async () => {
  proxy = new CuttableProxy(target.hostname, Number(target.port || 5432));
  await proxy.open();
  const viaProxy = new URL(target);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  pool = new pg.Pool({ connectionString: viaProxy.toString(), max: 2, connectionTimeoutMillis: 1_000 });
  pool.on("error", () => undefined);
});

afterAll(async () => {
  await proxy.cut();
  await pool.end().catch(() => undefined);
});

function event(tenantId: string, overrides: Partial<UsageEvent> = {}): UsageEvent {
  return {
    tenantId,
    apiKeyId: null,
    actor: null,
    app: "tenant",
    route: "/api/v1/leads",
    method: "GET",
    status: 200,
    bytes: 120,
    durationMs: 3,
    at: Date.now(),
    ...overrides,
  };
}

async function rowsOf(tenantId: string): Promise<number> {
  const [row] = await db.select({ rows: count() }).from(apiUsage).where(eq(apiUsage.tenantId, tenantId));
  return row?.rows ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(25);
  }
}

describe("usage buffer", () => {
  it("writes a batch as soon as batchSize rows wait, without waiting for the timer", async () => {
    const tenantId = randomUUID();
    const batches: number[] = [];
    const copy = copyUsageWriter(() => pool);
    const buffer = createUsageBuffer({
      batchSize: 10,
      intervalMs: 60_000,
      write: async (rows) => {
        batches.push(rows.length);
        await copy(rows);
      },
    });
    for (let index = 0; index < 25; index++) buffer.add(event(tenantId));
    await eventually(async () => (await rowsOf(tenantId)) === 20);
    // The COPY commits before the buffer counts it: under load the count can trail the rows by a moment.
    await eventually(async () => buffer.stats().written === 20);
    expect(batches).toEqual([10, 10]);
    expect(buffer.stats()).toMatchObject({ written: 20, buffered: 5, dropped: 0 });
    await buffer.stop();
    expect(await rowsOf(tenantId)).toBe(25);
  });

  it("writes a backlog two batches at a time, in batches up to maxBatchSize, each row once", async () => {
    const tenantId = randomUUID();
    const batches: number[] = [];
    let writing = 0;
    let mostAtOnce = 0;
    const copy = copyUsageWriter(() => pool);
    const buffer = createUsageBuffer({
      batchSize: 10,
      maxBatchSize: 30,
      writers: 2,
      intervalMs: 60_000,
      write: async (rows) => {
        writing++;
        mostAtOnce = Math.max(mostAtOnce, writing);
        batches.push(rows.length);
        try {
          await copy(rows);
        } finally {
          writing--;
        }
      },
    });
    // Rows arrive 10 at a time while the first batches are still being written: a backlog builds up.
    for (let round = 0; round < 10; round++) {
      for (let index = 0; index < 10; index++) buffer.add(event(tenantId, { durationMs: round * 10 + index }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await buffer.flush();
    expect(buffer.stats()).toMatchObject({ written: 100, buffered: 0, dropped: 0 });
    expect(mostAtOnce).toBe(2);
    expect(batches.reduce((sum, size) => sum + size, 0)).toBe(100);
    expect(Math.max(...batches)).toBeLessThanOrEqual(30);
    expect(batches.every((size) => size >= 1)).toBe(true);
    const kept = await db
      .select({ durationMs: apiUsage.durationMs })
      .from(apiUsage)
      .where(eq(apiUsage.tenantId, tenantId));
    expect(kept.map((row) => row.durationMs).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, n) => n));
    await buffer.stop();
  });

  it("writes a partial batch when the timer fires", async () => {
    const tenantId = randomUUID();
    const buffer = createUsageBuffer({ batchSize: 1_000, intervalMs: 50, write: copyUsageWriter(() => pool) });
    for (let index = 0; index < 3; index++) buffer.add(event(tenantId));
    expect(await rowsOf(tenantId)).toBe(0);
    await eventually(async () => (await rowsOf(tenantId)) === 3, 2_000);
    // The COPY commits before the buffer counts it: under load the count can trail the rows by a moment.
    await eventually(async () => buffer.stats().written === 3);
    expect(buffer.stats()).toMatchObject({ written: 3, buffered: 0 });
    await buffer.stop();
  });

  it("writes what is left on shutdown (stop)", async () => {
    const tenantId = randomUUID();
    const buffer = createUsageBuffer({ batchSize: 1_000, intervalMs: 60_000, write: copyUsageWriter(() => pool) });
    for (let index = 0; index < 7; index++) buffer.add(event(tenantId));
    expect(await rowsOf(tenantId)).toBe(0);
    await buffer.stop();
    expect(await rowsOf(tenantId)).toBe(7);
    expect(buffer.stats()).toMatchObject({ written: 7, buffered: 0 });
  });

  it("drops (and counts) the newest rows when full while the database is unreachable, then writes the rest", async () => {
    const tenantId = randomUUID();
    const buffer = createUsageBuffer({
      maxRows: 10,
      batchSize: 100,
      intervalMs: 20,
      minBackoffMs: 20,
      maxBackoffMs: 100,
      write: copyUsageWriter(() => pool),
    });
    await proxy.cut();
    try {
      const accepted = Array.from({ length: 15 }, (_, index) => buffer.add(event(tenantId, { durationMs: index })));
      expect(accepted.filter(Boolean)).toHaveLength(10);
      await buffer.flush();
      expect(buffer.stats()).toMatchObject({ written: 0, buffered: 10, dropped: 5 });
      expect(buffer.stats().failedFlushes).toBeGreaterThan(0);
    } finally {
      await proxy.open();
    }
    await eventually(async () => buffer.stats().buffered === 0);
    const kept = await db
      .select({ durationMs: apiUsage.durationMs })
      .from(apiUsage)
      .where(eq(apiUsage.tenantId, tenantId));
    // The oldest ten were kept, the five that arrived after the buffer was full were dropped.
    expect(kept.map((row) => row.durationMs).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await buffer.stop();
  });

  it("writes a batch once even when it is sent twice (a commit whose acknowledgement was lost)", async () => {
    const tenantId = randomUUID();
    const write = copyUsageWriter(() => pool);
    const rows = Array.from({ length: 5 }, () => ({ ...event(tenantId), id: randomUUID() }));
    await write(rows);
    await write(rows);
    expect(await rowsOf(tenantId)).toBe(5);
  });

  it("loses no request and no row when the database goes away while requests flow, and comes back", async () => {
    const tenantId = randomUUID();
    const buffer = createUsageBuffer({
      batchSize: 50,
      maxBatchSize: 50,
      intervalMs: 20,
      minBackoffMs: 20,
      maxBackoffMs: 200,
      write: copyUsageWriter(() => pool),
    });
    const composeLogged = withUsageLogging(compose, { app: "tenant", sink: buffer });
    const asTenant: Step<BaseContext, { tenantId: string }> = (_ctx, next) => next({ tenantId });
    const route = composeLogged({ route: "/api/v1/leads" }, asTenant)(() => json({ ok: true }));

    const statuses: number[] = [];
    const flow = (async () => {
      for (let index = 0; index < 600; index++) {
        const started = performance.now();
        const response = await callRoute(route, testRequest("/api/v1/leads"));
        await response.json();
        statuses.push(response.status);
        // A request never waits for the database, even while it is down.
        expect(performance.now() - started).toBeLessThan(1_000);
        await sleep(2);
      }
    })();

    await eventually(async () => statuses.length >= 150);
    await proxy.cut();
    const writtenAtCut = buffer.stats().written;
    await eventually(async () => statuses.length >= 400);
    // At most the batches in flight at the cut (two writers, 50 rows each) may still have committed.
    expect(buffer.stats().written).toBeLessThanOrEqual(writtenAtCut + 2 * 50);
    expect(buffer.stats().failedFlushes).toBeGreaterThan(0);
    await proxy.open();
    await flow;

    expect(statuses).toHaveLength(600);
    expect(statuses.every((status) => status === 200)).toBe(true);
    await eventually(async () => buffer.stats().buffered === 0, 15_000);
    expect(buffer.stats()).toMatchObject({ written: 600, dropped: 0 });
    expect(await rowsOf(tenantId)).toBe(600);
    await buffer.stop();
  }, 60_000);
});
