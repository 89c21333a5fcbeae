import type { ApiKeyActor, MemberActor, StaffActor } from "@pp/core/auth/actors";
import { AppError } from "@pp/core/errors";
import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { compose, type Step } from "./compose";
import { json } from "./respond";
import { callRoute, testRequest } from "./testing";
import { portalTenantOf, setUsageLoggingEnabled, type UsageRecord, withUsageLogging } from "./usage-logging";

const TENANT = "0190f5a2-7c1e-7000-8000-0000000000aa";
const OTHER = "0190f5a2-7c1e-7000-8000-0000000000bb";
const KEY_ID = "0190f5a2-7c1e-7000-8000-0000000000cc";

function recorder() {
  const records: UsageRecord[] = [];
  return { records, sink: { add: (record: UsageRecord) => records.push(record) } };
}

const { logger } = captureLogs();
const apiKeyActor: ApiKeyActor = { kind: "api_key", apiKeyId: KEY_ID, tenantId: TENANT, scopes: [] };
const member: MemberActor = {
  kind: "member",
  userId: "u1",
  email: "m@example.test",
  name: "M",
  role: "owner",
  tenantId: TENANT,
  tenantSlug: "t",
  sessionId: "s",
};
const staff: StaffActor = {
  kind: "staff",
  userId: "s1",
  email: "s@example.test",
  name: "S",
  role: "admin",
  sessionId: "s",
};

const asActor =
  <A extends ApiKeyActor | MemberActor | StaffActor>(actor: A): Step<unknown, { actor: A; tenantId?: string }> =>
  (_ctx, next) =>
    next(actor.kind === "staff" ? { actor } : { actor, tenantId: actor.tenantId });

describe("withUsageLogging", () => {
  it("records the route template, method, status, bytes, duration, tenant, actor and API key", async () => {
    const { records, sink } = recorder();
    const logged = withUsageLogging(compose, { app: "tenant", sink });
    const route = logged({ route: "/api/v1/leads/[id]", logger }, asActor(apiKeyActor))(() => json({ id: "abc" }));
    const response = await callRoute(route, testRequest("/api/v1/leads/123"), { id: "123" });
    // A JSON body is whole in memory already: its row is recorded when the handler returns.
    expect(records).toHaveLength(1);
    const text = await response.text();
    expect(records).toEqual([
      {
        tenantId: TENANT,
        apiKeyId: KEY_ID,
        actor: `api_key:${KEY_ID}`,
        app: "tenant",
        route: "/api/v1/leads/[id]",
        method: "GET",
        status: 200,
        bytes: Buffer.byteLength(text),
        durationMs: expect.any(Number),
        at: expect.any(Number),
      },
    ]);
  });

  it("records errors thrown by any step with the status the client got and who it had found", async () => {
    const { records, sink } = recorder();
    const logged = withUsageLogging(compose, { app: "tenant", sink });
    const refuse: Step<unknown> = () => {
      throw new AppError("forbidden", "no");
    };
    const route = logged({ route: "/api/t/[slug]/leads", logger }, asActor(member), refuse)(() => json({}));
    const response = await callRoute(route, testRequest("/api/t/x/leads", { method: "POST", json: {} }));
    await response.text();
    expect(records[0]).toMatchObject({ status: 403, method: "POST", tenantId: TENANT, actor: "member:u1" });
    expect(records[0]?.bytes).toBeGreaterThan(0);

    const unknown = logged({ route: "/api/boom", logger })(() => {
      throw new Error("bug");
    });
    await (await callRoute(unknown, testRequest("/api/boom"))).text();
    expect(records[1]).toMatchObject({ status: 500, tenantId: null, actor: null });
  });

  it("counts a streamed body when it has been sent, and a bodiless response as 0 bytes", async () => {
    const { records, sink } = recorder();
    const logged = withUsageLogging(compose, { app: "portal", sink });
    const streamed = logged({ route: "/api/export", logger })(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("a,b\n"));
              controller.enqueue(new TextEncoder().encode("1,2\n"));
              controller.close();
            },
          }),
          { headers: { "content-type": "text/csv" } },
        ),
    );
    const response = await callRoute(streamed, testRequest("/api/export"));
    expect(records).toHaveLength(0);
    expect(await response.text()).toBe("a,b\n1,2\n");
    expect(records[0]).toMatchObject({ bytes: 8, status: 200 });

    const empty = logged({ route: "/api/empty", logger })(() => new Response(null, { status: 204 }));
    await callRoute(empty, testRequest("/api/empty"));
    expect(records[1]).toMatchObject({ bytes: 0, status: 204 });
  });

  it("never fails a request when the sink throws", async () => {
    const logged = withUsageLogging(compose, {
      app: "tenant",
      sink: {
        add() {
          throw new Error("full");
        },
      },
    });
    const route = logged({ route: "/api/ok", logger })(
      () => new Response("ok", { headers: { "content-length": "2" } }),
    );
    const response = await callRoute(route, testRequest("/api/ok"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  it("can be switched off (the benchmark's baseline)", async () => {
    const { records, sink } = recorder();
    const logged = withUsageLogging(compose, { app: "tenant", sink });
    const route = logged({ route: "/api/ok", logger })(() => json({}));
    setUsageLoggingEnabled(false);
    try {
      await (await callRoute(route, testRequest("/api/ok"))).text();
    } finally {
      setUsageLoggingEnabled(true);
    }
    expect(records).toHaveLength(0);
  });
});

describe("portalTenantOf", () => {
  it("finds the tenant a staff request is about: tenantId in params, query or body, or /tenants/[id]", () => {
    expect(portalTenantOf({ actor: staff, params: { tenantId: TENANT } })).toBe(TENANT);
    expect(portalTenantOf({ actor: staff, query: { tenantId: OTHER } })).toBe(OTHER);
    expect(portalTenantOf({ actor: staff, body: { tenantId: TENANT } })).toBe(TENANT);
    expect(portalTenantOf({ actor: staff, route: "/api/provider/tenants/[id]/notes", params: { id: OTHER } })).toBe(
      OTHER,
    );
    expect(portalTenantOf({ actor: staff, route: "/api/provider/leads/[id]", params: { id: OTHER } })).toBeNull();
  });

  it("is used by the portal's logging, and a non-UUID tenant is recorded as none", async () => {
    const { records, sink } = recorder();
    const logged = withUsageLogging(compose, { app: "portal", sink, tenantOf: portalTenantOf });
    const route = logged({ route: "/api/provider/tenants/[id]", logger }, asActor(staff))(() => json({}));
    await (await callRoute(route, testRequest(`/api/provider/tenants/${OTHER}`), { id: OTHER })).text();
    await (await callRoute(route, testRequest("/api/provider/tenants/nope"), { id: "nope" })).text();
    expect(records.map((record) => [record.tenantId, record.actor])).toEqual([
      [OTHER, "staff:s1"],
      [null, "staff:s1"],
    ]);
  });
});
