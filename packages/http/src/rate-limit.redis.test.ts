import { spawnSync } from "node:child_process";
import { createServer } from "node:net";
import type { StaffActor } from "@pp/core/auth/actors";
import { captureLogs } from "@pp/core/testing";
import { env } from "@pp/env";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { type BaseContext, compose, type Step } from "./compose";
import { createRateLimiterSet, type RateLimiterSet, readRateLimit, withRateLimit } from "./rate-limit";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

const redisUrl = env().REDIS_URL ?? "";
if (!redisUrl) console.warn("REDIS_URL not set — Redis rate-limit tests skipped");

const hasRedisServer = spawnSync("redis-server", ["--version"]).error === undefined;
if (redisUrl && !hasRedisServer) console.warn("redis-server not on PATH — the Redis outage test is skipped");

// Unique per run: parallel runs against the same Redis never see each other's counts.
const keyPrefix = `pp:rl:test:${crypto.randomUUID()}`;

const withTestActor: Step<BaseContext, { actor: StaffActor }> = (ctx, next) => {
  const userId = ctx.request.headers.get("x-test-user") ?? "u-1";
  return next({ actor: { kind: "staff", userId, email: "s@p.test", name: "S", role: "admin", sessionId: "s" } });
};

function limitedRoute(limiters: RateLimiterSet, limitOf?: () => number) {
  const { logger, lines } = captureLogs();
  const route = compose(
    { route: "/api/federation/oidc/test", logger },
    withTestActor,
    withRateLimit("federation-test", { limiters, limitOf }),
  )(() => json({ ok: true }));
  const call = () => callRoute(route, testRequest("/api/federation/oidc/test", { headers: { "x-test-user": "u-1" } }));
  return { call, lines };
}

function remainingOf(response: Response): number {
  return Number(/;r=(\d+);/.exec(response.headers.get("RateLimit") ?? "")?.[1]);
}

describe.skipIf(!redisUrl)("withRateLimit on Redis", () => {
  const sets: RateLimiterSet[] = [];
  const startedPorts: number[] = [];
  const instance = (url = redisUrl) => {
    const set = createRateLimiterSet({ redisUrl: url, keyPrefix });
    sets.push(set);
    return set;
  };

  afterAll(async () => {
    await Promise.all(sets.map((set) => set.close()));
    for (const port of startedPorts) stopRedisServer(port);
    await deleteKeys(redisUrl, `${keyPrefix}:*`);
  });

  it("shares one limit between two app instances", async () => {
    const [first, second] = [instance(), instance()];
    expect([await first.connected(), await second.connected()]).toEqual([true, true]);
    const [onFirst, onSecond] = [limitedRoute(first), limitedRoute(second)];

    const responses: Response[] = [];
    for (let i = 0; i < 6; i++) responses.push(await (i % 2 === 0 ? onFirst : onSecond).call());

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(responses.map(remainingOf)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(responses[5]?.headers.get("Retry-After")).toMatch(/^([1-5]?[0-9]|60)$/);
    const usage = await readRateLimit({ policy: "federation-test", key: "user:u-1", limiters: first });
    expect(usage).toMatchObject({ limit: 5, used: 6, remaining: 0 });
    expect([...onFirst.lines, ...onSecond.lines].filter((line) => line.msg.startsWith("Rate-limit"))).toEqual([]);
  });

  it("keeps the count when the limit changes mid-window (a plan upgrade)", async () => {
    const set = instance();
    expect(await set.connected()).toBe(true);
    const userHeaders = { "x-test-user": "u-upgrade" };
    const call = (limit: number) => {
      const { logger } = captureLogs();
      const route = compose(
        { route: "/api/x", logger },
        withTestActor,
        withRateLimit("federation-test", { limiters: set, limitOf: () => limit }),
      )(() => json({}));
      return callRoute(route, testRequest("/api/x", { headers: userHeaders }));
    };
    await call(2);
    await call(2);
    expect((await call(2)).status).toBe(429);
    const upgraded = await call(10);
    expect([upgraded.status, upgraded.headers.get("RateLimit-Policy"), remainingOf(upgraded)]).toEqual([
      200,
      '"federation-test";q=10;w=60',
      6,
    ]);
  });

  it.skipIf(!hasRedisServer)(
    "answers from memory when Redis goes away mid-test, warns once, never 500",
    async () => {
      const port = await freePort();
      startRedisServer(port);
      startedPorts.push(port);
      const set = instance(`redis://127.0.0.1:${port}`);
      expect(await set.connected()).toBe(true);
      const route = limitedRoute(set);

      const before = [await route.call(), await route.call()];
      expect(before.map(remainingOf)).toEqual([4, 3]);

      stopRedisServer(port);
      const during: Response[] = [];
      for (let i = 0; i < 8; i++) during.push(await route.call());

      // The insurance limiter counts from zero in this instance, and still enforces the limit.
      expect(during.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      expect(during.map(remainingOf)).toEqual([4, 3, 2, 1, 0, 0, 0, 0]);
      const warnings = route.lines.filter((line) => line.level === "warn" && line.msg.startsWith("Rate-limit Redis"));
      expect(warnings).toHaveLength(1);
      expect(route.lines.filter((line) => line.level === "error")).toEqual([]);

      startRedisServer(port);
      await waitFor(() => route.lines.some((line) => line.msg.startsWith("Rate-limit Redis is back")));
      const recovered = await route.call();
      // A fresh Redis (shut down without saving) counts from zero again: the answer came from Redis.
      expect([recovered.status, remainingOf(recovered)]).toEqual([200, 4]);
    },
    20_000,
  );

  it.skipIf(!hasRedisServer)("answers from memory within the command timeout when Redis hangs", async () => {
    const port = await freePort();
    startRedisServer(port);
    startedPorts.push(port);
    const set = instance(`redis://127.0.0.1:${port}`);
    expect(await set.connected()).toBe(true);
    const route = limitedRoute(set);
    expect((await route.call()).status).toBe(200);

    // Redis stops answering writes (the limiter's script) for two seconds, as an overloaded one would.
    spawnSync("redis-cli", ["-p", String(port), "client", "pause", "2000", "write"]);
    const startedAt = performance.now();
    const response = await route.call();
    expect(performance.now() - startedAt).toBeLessThan(1_500);
    expect([response.status, remainingOf(response)]).toEqual([200, 4]);
    expect(route.lines.filter((line) => line.msg.startsWith("Rate-limit Redis unavailable"))).toHaveLength(1);
  });
});

function startRedisServer(port: number): void {
  const started = spawnSync("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--daemonize",
    "yes",
  ]);
  if (started.status !== 0) throw new Error(`redis-server on port ${port} did not start: ${started.stderr}`);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (
      spawnSync("redis-cli", ["-p", String(port), "ping"])
        .stdout?.toString()
        .trim() === "PONG"
    )
      return;
    spawnSync("sleep", ["0.1"]);
  }
  throw new Error(`redis-server on port ${port} did not answer`);
}

function stopRedisServer(port: number): void {
  // Already stopped is fine: this runs again in afterAll in case a test failed half-way.
  spawnSync("redis-cli", ["-p", String(port), "shutdown", "nosave"]);
}

/** A port nothing listens on right now, so parallel runs each get their own throwaway Redis. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const client = new Redis(url);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await client.scan(cursor, "MATCH", pattern, "COUNT", 100);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    client.disconnect();
  }
}
