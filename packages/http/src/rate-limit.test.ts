import type { Actor, ApiKeyActor, MemberActor, StaffActor } from "@pp/core/auth/actors";
import { AppError } from "@pp/core/errors";
import { markClientIpServer } from "@pp/core/net/client-ip";
import { captureLogs } from "@pp/core/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTenantAuth, type TenantAuthContext } from "./auth";
import { type BaseContext, compose, type Step } from "./compose";
import {
  createRateLimiterSet,
  type RateLimiterSet,
  type RateLimitOptions,
  type RateLimitPolicyName,
  rateLimitKey,
  rateLimitPolicies,
  readRateLimit,
  resetRateLimiters,
  withRateLimit,
} from "./rate-limit";
import { sharedRateLimiters } from "./rate-limit-store";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

// As under scripts/lib/serve-app.mjs, which sets x-pp-client-ip from the socket.
markClientIpServer();

function staff(userId: string): StaffActor {
  return { kind: "staff", userId, email: `${userId}@p.test`, name: userId, role: "admin", sessionId: "s" };
}

function member(userId: string): MemberActor {
  return { ...staff(userId), kind: "member", role: "owner", tenantId: "t-9", tenantSlug: "acme" };
}

const apiKey: ApiKeyActor = { kind: "api_key", apiKeyId: "k-1", tenantId: "t-1", scopes: [] };

// Stands in for the session lookup: the header names who is signed in; no header, nobody.
const withTestActor: Step<BaseContext, { actor?: Actor }> = async (ctx, next) => {
  const userId = ctx.request.headers.get("x-test-user");
  return next(userId ? { actor: staff(userId) } : {});
};

type Route = {
  call: (headers?: Record<string, string>) => Promise<Response>;
  lines: ReturnType<typeof captureLogs>["lines"];
};

function limitedRoute(
  policy: RateLimitPolicyName,
  options: RateLimitOptions<BaseContext> & { limiters?: RateLimiterSet } = {},
  handler: () => Response | Promise<Response> = () => json({ ok: true }),
): Route {
  const { logger, lines } = captureLogs();
  const limiters = options.limiters ?? createRateLimiterSet();
  const route = compose(
    { route: "/api/x", logger },
    withTestActor,
    withRateLimit(policy, { ...options, limiters }),
  )(handler);
  return { call: (headers = {}) => callRoute(route, testRequest("/api/x", { headers })), lines };
}

async function hammer(route: Route, times: number, headers: Record<string, string> = {}): Promise<Response[]> {
  const responses: Response[] = [];
  for (let i = 0; i < times; i++) responses.push(await route.call(headers));
  return responses;
}

function remainingOf(response: Response): number {
  const match = /;r=(\d+);/.exec(response.headers.get("RateLimit") ?? "");
  return Number(match?.[1]);
}

const as = (userId: string) => ({ "x-test-user": userId });

describe("withRateLimit", () => {
  afterEach(async () => {
    vi.useRealTimers();
    await resetRateLimiters();
  });

  it("answers 200s until the limit, then 429 with an integer Retry-After and the draft headers", async () => {
    const route = limitedRoute("federation-test");
    const responses = await hammer(route, 6, as("u-1"));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(responses.map(remainingOf)).toEqual([4, 3, 2, 1, 0, 0]);
    for (const response of responses) {
      expect(response.headers.get("RateLimit-Policy")).toBe('"federation-test";q=5;w=60');
      expect(response.headers.get("RateLimit")).toMatch(/^"federation-test";r=\d+;t=(60|59)$/);
    }

    const refused = responses[5] as Response;
    const retryAfter = refused.headers.get("Retry-After") ?? "";
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(59);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(refused.headers.get("X-Request-Id")).toBeTruthy();
    expect(await refused.json()).toEqual({
      error: {
        code: "rate_limited",
        message: `Too many requests — try again in ${retryAfter} s`,
        details: { retryAfterSeconds: Number(retryAfter), policy: "federation-test" },
        requestId: expect.any(String),
      },
    });
  });

  it("lets requests through again once the window has passed", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
    const route = limitedRoute("federation-test");
    await hammer(route, 5, as("u-1"));
    expect((await route.call(as("u-1"))).status).toBe(429);

    vi.advanceTimersByTime(30_000);
    const halfway = await route.call(as("u-1"));
    expect([halfway.status, halfway.headers.get("Retry-After")]).toEqual([429, "30"]);

    vi.advanceTimersByTime(30_001);
    const after = await route.call(as("u-1"));
    expect([after.status, after.headers.get("RateLimit")]).toEqual([200, '"federation-test";r=4;t=60']);
  });

  it("gives every user their own bucket", async () => {
    const route = limitedRoute("federation-test");
    await hammer(route, 6, as("u-1"));

    const other = await route.call(as("u-2"));
    expect([other.status, remainingOf(other)]).toEqual([200, 4]);
    expect((await route.call(as("u-1"))).status).toBe(429);
  });

  it("counts by client IP when nobody is signed in, and a changed X-Forwarded-For does not reset it", async () => {
    const route = limitedRoute("federation-test");
    const client = { "x-pp-client-ip": "203.0.113.7" };
    await hammer(route, 5, { ...client, "x-forwarded-for": "198.51.100.1" });

    expect((await route.call({ ...client, "x-forwarded-for": "198.51.100.2" })).status).toBe(429);
    expect((await route.call({ ...client, "x-real-ip": "198.51.100.3" })).status).toBe(429);
    expect(remainingOf(await route.call({ "x-pp-client-ip": "198.51.100.2" }))).toBe(4);
  });

  it("keys the auth policy by IP even when someone is signed in", async () => {
    const route = limitedRoute("auth");
    await route.call({ ...as("u-1"), "x-real-ip": "203.0.113.9" });
    const second = await route.call({ ...as("u-2"), "x-real-ip": "203.0.113.9" });
    expect([second.headers.get("RateLimit-Policy"), remainingOf(second)]).toEqual(['"auth";q=20;w=60', 18]);
  });

  it("uses the limit a resolver gives, e.g. the tenant's plan", async () => {
    const resolver = vi.fn(async () => 2);
    const route = limitedRoute("public-api", { limitOf: resolver });
    const responses = await hammer(route, 3, as("u-1"));

    expect(responses.map((response) => response.status)).toEqual([200, 200, 429]);
    expect(responses[0]?.headers.get("RateLimit-Policy")).toBe('"public-api";q=2;w=60');
    expect(resolver).toHaveBeenCalledWith(expect.objectContaining({ route: "/api/x", requestId: expect.any(String) }));
  });

  it("counts the public API per tenant, at the tenant's own limit", async () => {
    const withTenantAuth = createTenantAuth(async (request, slug) => ({
      ...member(request.headers.get("x-test-user") ?? "u-1"),
      tenantId: `t-${slug}`,
      tenantSlug: slug,
    }));
    const planLimits: Record<string, number> = { "t-acme": 2 };
    const { logger } = captureLogs();
    const route = compose(
      { route: "/api/t/[slug]/leads", logger },
      withTenantAuth(),
      withRateLimit("public-api", {
        limiters: createRateLimiterSet(),
        limitOf: (ctx: TenantAuthContext) => planLimits[ctx.tenantId],
      }),
    )(() => json({}));
    const call = (slug: string, userId: string) =>
      callRoute(route, testRequest(`/api/t/${slug}/leads`, { headers: as(userId) }), { slug });

    expect([(await call("acme", "u-1")).status, (await call("acme", "u-2")).status]).toEqual([200, 200]);
    expect((await call("acme", "u-3")).status).toBe(429);
    const other = await call("globex", "u-1");
    expect([other.status, other.headers.get("RateLimit")]).toEqual([200, '"public-api";r=59;t=60']);
  });

  it("will not compile when its resolver needs a field no earlier step adds", () => {
    const { logger } = captureLogs();
    const misordered = () =>
      compose(
        // @ts-expect-error step 1 needs "tenantId" (and the tenant's actor) from an earlier step
        { route: "/api/x", logger },
        withRateLimit("public-api", { limitOf: (ctx: TenantAuthContext) => ctx.tenantId.length }),
      );
    expect(misordered).toBeTypeOf("function");
  });

  it("keeps the policy's limit when the resolver has none, or fails", async () => {
    for (const limitOf of [() => undefined, () => 0, () => Number.NaN]) {
      const response = await limitedRoute("public-api", { limitOf }).call();
      expect(response.headers.get("RateLimit-Policy")).toBe('"public-api";q=60;w=60');
    }

    const failing = limitedRoute("public-api", {
      limitOf: () => {
        throw new Error("plans table unreachable");
      },
    });
    const response = await failing.call();
    expect([response.status, response.headers.get("RateLimit-Policy")]).toEqual([200, '"public-api";q=60;w=60']);
    expect(failing.lines).toContainEqual(
      expect.objectContaining({ level: "warn", msg: "Rate-limit resolver failed — using the policy's default limit" }),
    );
  });

  it("sets the headers on responses with immutable headers", async () => {
    const route = limitedRoute("api", {}, () => Response.redirect("http://app.test/elsewhere", 303));
    const response = await route.call(as("u-1"));
    expect([response.status, response.headers.get("location")]).toEqual([303, "http://app.test/elsewhere"]);
    expect(response.headers.get("RateLimit")).toBe('"api";r=299;t=60');
  });

  it("sets the headers on errors thrown after it", async () => {
    const route = limitedRoute("api", {}, () => {
      throw new AppError("not_found", "Lead not found");
    });
    const response = await route.call(as("u-1"));
    expect([response.status, response.headers.get("RateLimit")]).toEqual([404, '"api";r=299;t=60']);
  });

  it("never answers 500 when the store is unreachable, and warns once", async () => {
    // Nothing listens on port 1: every Redis call fails and the in-memory insurance limiter answers.
    const limiters = createRateLimiterSet({ redisUrl: "redis://127.0.0.1:1", connectTimeoutMs: 200 });
    expect(await limiters.connected()).toBe(false);
    const route = limitedRoute("federation-test", { limiters });
    const responses = await hammer(route, 7, as("u-1"));
    await limiters.close();

    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(responses.map(remainingOf)).toEqual([4, 3, 2, 1, 0, 0, 0]);
    const warnings = route.lines.filter((line) => line.msg.startsWith("Rate-limit Redis unavailable"));
    expect(warnings).toHaveLength(1);
  });

  it("uses the process-wide limiters when none are passed", async () => {
    const userId = `u-${crypto.randomUUID()}`;
    const { logger } = captureLogs();
    const route = compose({ route: "/api/x", logger }, withTestActor, withRateLimit("tenant"))(() => json({}));
    const response = await callRoute(route, testRequest("/api/x", { headers: as(userId) }));
    expect([response.status, response.headers.get("RateLimit")]).toEqual([200, '"tenant";r=599;t=60']);
    // With REDIS_URL set this count lives in Redis: leave nothing behind.
    await sharedRateLimiters().limiterFor("tenant", 600).delete(`user:${userId}`);
  });
});

describe("the limiter set", () => {
  it("is in memory without a Redis URL, and creates one limiter per policy and limit", () => {
    const limiters = createRateLimiterSet();
    expect(limiters.backend).toBe("memory");
    expect(limiters.limiterFor("api", 300)).toBe(limiters.limiterFor("api", 300));
    expect(limiters.limiterFor("api", 300)).not.toBe(limiters.limiterFor("api", 100));
    expect(limiters.limiterFor("api", 300)).not.toBe(limiters.limiterFor("tenant", 300));
  });

  it("reads a bucket's count without using a request up", async () => {
    const limiters = createRateLimiterSet();
    await hammer(limitedRoute("federation-test", { limiters }), 3, as("u-1"));

    const read = () => readRateLimit({ policy: "federation-test", key: "user:u-1", limiters });
    expect(await read()).toEqual({ policy: "federation-test", limit: 5, used: 3, remaining: 2, resetSeconds: 60 });
    expect((await read()).used).toBe(3);
    expect(await readRateLimit({ policy: "api", key: "user:nobody", limiters })).toMatchObject({
      used: 0,
      remaining: 300,
    });
  });
});

describe("rateLimitKey", () => {
  const request = testRequest("/x", { headers: { "x-pp-client-ip": "203.0.113.7", "x-forwarded-for": "192.0.2.1" } });

  it("keys by what the policy names", () => {
    expect(rateLimitKey({ request, actor: staff("u-1") }, "user")).toBe("user:u-1");
    expect(rateLimitKey({ request, actor: apiKey }, "user")).toBe("user:k-1");
    expect(rateLimitKey({ request, actor: apiKey }, "apiKey")).toBe("apiKey:k-1");
    expect(rateLimitKey({ request, actor: apiKey }, "tenant")).toBe("tenant:t-1");
    expect(rateLimitKey({ request, actor: member("u-m"), tenantId: "t-2" }, "tenant")).toBe("tenant:t-2");
    expect(rateLimitKey({ request, actor: member("u-m") }, "tenant")).toBe("tenant:t-9");
    expect(rateLimitKey({ request, actor: staff("u-1") }, "ip")).toBe("ip:203.0.113.7");
  });

  it("falls back to the IP when the context lacks the key", () => {
    expect(rateLimitKey({ request }, "user")).toBe("ip:203.0.113.7");
    expect(rateLimitKey({ request, actor: staff("u-1") }, "tenant")).toBe("ip:203.0.113.7");
    expect(rateLimitKey({ request, actor: staff("u-1") }, "apiKey")).toBe("ip:203.0.113.7");
    expect(rateLimitKey({ request: testRequest("/x") }, "user")).toBe("ip:unknown");
  });

  it("has a key source for every policy", () => {
    expect(Object.fromEntries(Object.entries(rateLimitPolicies).map(([name, policy]) => [name, policy.keyBy]))).toEqual(
      {
        api: "user",
        auth: "ip",
        "federation-test": "user",
        "public-api": "tenant",
        tenant: "user",
      },
    );
  });
});
