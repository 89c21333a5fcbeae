import type { MemberActor, StaffActor } from "@pp/core/auth/actors";
import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { createProviderAuth, createTenantAuth } from "./auth";
import { compose } from "./compose";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";

const viewer: StaffActor = {
  kind: "staff",
  userId: "u-v",
  email: "v@p.test",
  name: "V",
  role: "viewer",
  sessionId: "s",
};
const billing: StaffActor = { ...viewer, userId: "u-b", role: "billing" };

function member(role: MemberActor["role"], tenantSlug = "acme"): MemberActor {
  return {
    kind: "member",
    userId: "u-m",
    email: "m@t.test",
    name: "M",
    role,
    tenantId: `id-${tenantSlug}`,
    tenantSlug,
    sessionId: "s",
  };
}

async function errorOf(response: Response) {
  return response.ok ? { status: response.status } : { status: response.status, ...(await response.json()).error };
}

describe("withProviderAuth", () => {
  // The resolver stands in for the session cookie: the header names which staff member is signed in.
  const withProviderAuth = createProviderAuth(async (request) => {
    const who = request.headers.get("x-test-staff");
    return who === "viewer" ? viewer : who === "billing" ? billing : null;
  });
  const { logger } = captureLogs();
  const route = compose(
    { route: "/api/provider/invoices", logger },
    withProviderAuth("billing:write"),
  )((ctx) => json({ userId: ctx.actor.userId, role: ctx.actor.role }));

  it("401 without a staff session", async () => {
    expect(await errorOf(await callRoute(route, testRequest("/x")))).toMatchObject({
      status: 401,
      code: "unauthenticated",
    });
  });

  it("403 naming the role when it lacks the permission", async () => {
    const response = await callRoute(route, testRequest("/x", { headers: { "x-test-staff": "viewer" } }));
    const error = await errorOf(response);
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
    expect(error.message).toBe("Your role (viewer) cannot write billing");
  });

  it("puts the staff actor on ctx when the role allows it", async () => {
    const response = await callRoute(route, testRequest("/x", { headers: { "x-test-staff": "billing" } }));
    expect(await response.json()).toEqual({ userId: "u-b", role: "billing" });
  });
});

describe("withTenantAuth", () => {
  // Signed in as a dispatcher of "acme" unless the test header says otherwise.
  const withTenantAuth = createTenantAuth(async (request, slug) => {
    const session = request.headers.get("x-test-session");
    if (session === "none") return null;
    if (session === "lying") return member("owner", "other");
    return slug === "acme" ? member("dispatcher") : "not_member";
  });

  function route(options?: Parameters<typeof withTenantAuth>[0]) {
    const { logger } = captureLogs();
    return compose(
      { route: "/api/t/[slug]/leads", logger },
      withTenantAuth(options),
    )((ctx) => json({ tenantId: ctx.tenantId, role: ctx.actor.role, slug: ctx.tenantSlug }));
  }

  it("admits a member of the tenant in the path", async () => {
    const response = await callRoute(route(), testRequest("/api/t/acme/leads"), { slug: "acme" });
    expect(await response.json()).toEqual({ tenantId: "id-acme", role: "dispatcher", slug: "acme" });
  });

  it("401 when nobody is signed in", async () => {
    const request = testRequest("/api/t/acme/leads", { headers: { "x-test-session": "none" } });
    expect(await errorOf(await callRoute(route(), request, { slug: "acme" }))).toMatchObject({ status: 401 });
  });

  it("404 for a tenant the user does not belong to, the same as one that does not exist", async () => {
    const other = await errorOf(await callRoute(route(), testRequest("/api/t/globex/leads"), { slug: "globex" }));
    const missing = await errorOf(await callRoute(route(), testRequest("/api/t/nope/leads"), { slug: "nope" }));
    expect(other).toMatchObject({ status: 404, code: "not_found" });
    expect({ ...other, requestId: null }).toEqual({ ...missing, requestId: null });
  });

  it("404 when the resolver returns a membership of another tenant", async () => {
    const request = testRequest("/api/t/acme/leads", { headers: { "x-test-session": "lying" } });
    expect(await errorOf(await callRoute(route(), request, { slug: "acme" }))).toMatchObject({ status: 404 });
  });

  it("403 below the required role", async () => {
    const error = await errorOf(await callRoute(route({ role: "owner" }), testRequest("/x"), { slug: "acme" }));
    expect(error).toMatchObject({ status: 403, code: "forbidden" });
    expect(error.message).toMatch(/^Your role \(dispatcher\)/);
    expect((await callRoute(route({ role: "technician" }), testRequest("/x"), { slug: "acme" })).status).toBe(200);
  });

  it("reads the slug from a named param or from the proxy's header", async () => {
    expect((await callRoute(route({ slugParam: "tenant" }), testRequest("/x"), { tenant: "acme" })).status).toBe(200);
    const subdomain = testRequest("/api/leads", { headers: { "x-tenant-slug": "acme" } });
    expect((await callRoute(route(), subdomain)).status).toBe(200);
  });

  it("logs the member and tenant on the request line", async () => {
    const { logger, lines } = captureLogs();
    const logged = compose({ route: "/api/t/[slug]/leads", logger }, withTenantAuth())(() => json({}));
    await callRoute(logged, testRequest("/x"), { slug: "acme" });
    expect(lines[0]).toMatchObject({ actor: "member:u-m", tenantId: "id-acme" });
  });
});
