import type { StaffActor } from "@pp/core/auth/actors";
import { AppError } from "@pp/core/errors";
import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { type BaseContext, compose, type Step } from "./compose";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const staff: StaffActor = {
  kind: "staff",
  userId: "user-1",
  email: "ops@example.com",
  name: "Ops",
  role: "operations",
  sessionId: "s",
};

const withStaff: Step<BaseContext, { actor: StaffActor }> = (_ctx, next) => next({ actor: staff });
const withTenant: Step<BaseContext, { tenantId: string }> = (_ctx, next) => next({ tenantId: "tenant-9" });
const needsTenant: Step<BaseContext & { tenantId: string }, { tenantLabel: string }> = (ctx, next) =>
  next({ tenantLabel: `tenant ${ctx.tenantId}` });

describe("compose", () => {
  it("keeps a sane incoming X-Request-Id and echoes it", async () => {
    const { logger } = captureLogs();
    const route = compose({ route: "/api/x", logger })((ctx) => json({ id: ctx.requestId }));
    const response = await callRoute(route, testRequest("/api/x", { headers: { "X-Request-Id": "abc.DEF_1-2" } }));
    expect(response.headers.get("X-Request-Id")).toBe("abc.DEF_1-2");
    expect(await response.json()).toEqual({ id: "abc.DEF_1-2" });
  });

  it.each([["has spaces"], ["x".repeat(129)], ["<script>"], [""]])("replaces the odd request id %j", async (id) => {
    const { logger } = captureLogs();
    const route = compose({ route: "/api/x", logger })(() => json({}));
    const response = await callRoute(route, testRequest("/api/x", { headers: { "X-Request-Id": id } }));
    expect(response.headers.get("X-Request-Id")).toMatch(UUID);
  });

  it("passes route, method and resolved params to the handler", async () => {
    const { logger } = captureLogs();
    const route = compose({ route: "/api/tenants/[id]", logger })((ctx) =>
      json({ route: ctx.route, method: ctx.method, params: ctx.params }),
    );
    const response = await callRoute(route, testRequest("/api/tenants/t1", { method: "DELETE" }), { id: "t1" });
    expect(await response.json()).toEqual({ route: "/api/tenants/[id]", method: "DELETE", params: { id: "t1" } });
  });

  it("gives the handler every field the steps added, in order", async () => {
    const { logger } = captureLogs();
    const route = compose(
      { route: "/api/x", logger },
      withStaff,
      withTenant,
      needsTenant,
    )((ctx) => json({ actor: ctx.actor.userId, label: ctx.tenantLabel }));
    expect(await (await callRoute(route, testRequest("/api/x"))).json()).toEqual({
      actor: "user-1",
      label: "tenant tenant-9",
    });
  });

  it("refuses, at compile time, a step placed before the one it needs", () => {
    const { logger } = captureLogs();
    // @ts-expect-error needsTenant reads ctx.tenantId, which withTenant only adds later
    compose({ route: "/api/x", logger }, needsTenant, withTenant);
  });

  it("lets a step answer without calling the handler", async () => {
    const { logger } = captureLogs();
    const refuse: Step<BaseContext> = async () => json({ refused: true }, { status: 418 });
    let ran = false;
    const route = compose(
      { route: "/api/x", logger },
      refuse,
    )(() => {
      ran = true;
      return json({});
    });
    const response = await callRoute(route, testRequest("/api/x"));
    expect([response.status, ran]).toEqual([418, false]);
    expect(response.headers.get("X-Request-Id")).toMatch(UUID);
  });

  it("turns a thrown AppError into its response, with the request id", async () => {
    const { logger } = captureLogs();
    const route = compose({ route: "/api/leads/[id]", logger })(() => {
      throw new AppError("not_found", "Lead not found");
    });
    const response = await callRoute(route, testRequest("/api/leads/1", { headers: { "X-Request-Id": "r-404" } }));
    expect(response.status).toBe(404);
    expect(response.headers.get("X-Request-Id")).toBe("r-404");
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "Lead not found", requestId: "r-404" },
    });
  });

  it("turns an unknown error into a 500 that names only the request id", async () => {
    const { logger, lines } = captureLogs();
    const route = compose({ route: "/api/x", logger })(() => {
      throw new Error("password authentication failed for user postgres");
    });
    const response = await callRoute(route, testRequest("/api/x"));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain("postgres");
    expect(JSON.parse(text).error.requestId).toBe(response.headers.get("X-Request-Id"));
    // The log keeps what the response hides.
    expect(JSON.stringify(lines)).toContain("password authentication failed");
  });

  it("sets the request id on responses with immutable headers", async () => {
    const { logger } = captureLogs();
    const route = compose({ route: "/api/x", logger })(() => Response.redirect("http://app.test/elsewhere", 307));
    const response = await callRoute(route, testRequest("/api/x", { headers: { "X-Request-Id": "r-redirect" } }));
    expect(response.status).toBe(307);
    expect(response.headers.get("X-Request-Id")).toBe("r-redirect");
  });

  it("rethrows Next.js control-flow errors so redirect() and notFound() still work", async () => {
    const { logger } = captureLogs();
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/login;307;" });
    const route = compose({ route: "/api/x", logger })(() => {
      throw redirect;
    });
    await expect(callRoute(route, testRequest("/api/x"))).rejects.toBe(redirect);
  });
});

describe("compose request log", () => {
  it("writes exactly one line per request with who, where and how long", async () => {
    const { logger, lines } = captureLogs();
    const route = compose({ route: "/api/tenants/[id]", logger }, withStaff, withTenant)(() => json({ ok: true }));
    await callRoute(route, testRequest("/api/tenants/t1", { headers: { "X-Request-Id": "r-log" } }), { id: "t1" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      requestId: "r-log",
      tenantId: "tenant-9",
      actor: "staff:user-1",
      route: "/api/tenants/[id]",
      method: "GET",
      status: 200,
    });
    expect(lines[0]?.latencyMs).toEqual(expect.any(Number));
  });

  it("logs null actor and tenant for anonymous requests", async () => {
    const { logger, lines } = captureLogs();
    await callRoute(
      compose({ route: "/api/x", logger })(() => json({})),
      testRequest("/api/x"),
    );
    expect(lines[0]).toMatchObject({ actor: null, tenantId: null });
  });

  it("logs a healthy health probe at debug, and an unhealthy one at error", async () => {
    const { logger, lines } = captureLogs("debug");
    const probe = (status: number) => compose({ route: "/api/health/ready", logger })(() => json({}, { status }));
    await callRoute(probe(200), testRequest("/api/health/ready"));
    await callRoute(probe(503), testRequest("/api/health/ready"));
    expect(lines.map((line) => line.level)).toEqual(["debug", "error"]);
  });

  it.each([
    [200, "info"],
    [302, "info"],
    [404, "warn"],
    [429, "warn"],
    [500, "error"],
    [503, "error"],
  ])("logs status %i at %s", async (status, level) => {
    const { logger, lines } = captureLogs();
    const route = compose({ route: "/api/x", logger })(() => new Response(null, { status }));
    await callRoute(route, testRequest("/api/x"));
    expect(lines.map((line) => [line.level, line.status])).toEqual([[level, status]]);
  });

  it("still logs the actor when a later step refuses the request", async () => {
    const { logger, lines } = captureLogs();
    const deny: Step<BaseContext> = () => Promise.reject(new AppError("forbidden"));
    const route = compose({ route: "/api/x", logger }, withStaff, deny)(() => json({}));
    const response = await callRoute(route, testRequest("/api/x"));
    expect(response.status).toBe(403);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", actor: "staff:user-1", status: 403, errorCode: "forbidden" });
  });
});
