import { captureLogs } from "@pp/core/testing";
import { describe, expect, it } from "vitest";
import { type ApiKeyIdentity, createApiKeyAuth, withOneTimeSecret } from "./api-key";
import { compose } from "./compose";
import { created, json } from "./respond";
import { callRoute, testRequest } from "./testing";

const TOKEN = "pp_live_ab12cd34_0123456789abcdefABCDEF0123456789";
const KEY: ApiKeyIdentity = {
  id: "k-1",
  tenantId: "t-1",
  prefix: "pp_live_ab12cd34",
  scopes: ["leads:read"],
  rateLimitPerMinute: null,
};

function setup() {
  const uses: string[] = [];
  const seen: string[] = [];
  const withApiKey = createApiKeyAuth(
    async (token) => {
      seen.push(token);
      return token === TOKEN ? KEY : null;
    },
    { recordUse: (id) => void uses.push(id) },
  );
  const { logger, lines } = captureLogs();
  const route = (scope?: Parameters<typeof withApiKey>[0]) =>
    compose(
      { route: "/api/v1/leads", logger },
      withApiKey(scope),
    )((ctx) => json({ actor: ctx.actor, tenantId: ctx.tenantId, prefix: ctx.apiKey.prefix }));
  return { route, uses, seen, lines };
}

async function call(route: ReturnType<ReturnType<typeof setup>["route"]>, authorization?: string) {
  const headers = authorization === undefined ? undefined : { authorization };
  const response = await callRoute(route, testRequest("/api/v1/leads", { headers }));
  const body = await response.json();
  return { status: response.status, challenge: response.headers.get("www-authenticate"), body };
}

describe("withApiKey", () => {
  it("401 asking for a key, with a Bearer challenge, when no Authorization header is sent", async () => {
    const { route, seen } = setup();
    const result = await call(route());
    expect(result).toMatchObject({ status: 401, challenge: "Bearer", body: { error: { code: "unauthenticated" } } });
    expect(result.body.error.message).toContain("Authorization: Bearer");
    expect(seen).toEqual([]);
  });

  it.each(["Basic dXNlcjpwYXNz", "Bearer", "Bearer ", `Bearer ${TOKEN} extra`, TOKEN])(
    "401 with a Bearer challenge for a malformed header (%s)",
    async (header) => {
      const { route, seen } = setup();
      const result = await call(route(), header);
      expect(result).toMatchObject({ status: 401, challenge: "Bearer", body: { error: { code: "unauthenticated" } } });
      expect(seen).toEqual([]);
    },
  );

  it("401 'Invalid or revoked API key' for a key the lookup does not know, and records no use", async () => {
    const { route, uses } = setup();
    const result = await call(route(), "Bearer pp_live_zzzzzzzz_notarealkeynotarealkeynotareal00");
    expect(result.status).toBe(401);
    expect(result.challenge).toBe('Bearer error="invalid_token"');
    expect(result.body.error).toMatchObject({ code: "unauthenticated", message: "Invalid or revoked API key" });
    expect(uses).toEqual([]);
  });

  it("403 naming the scope the key lacks", async () => {
    const { route } = setup();
    const result = await call(route("leads:write"), `Bearer ${TOKEN}`);
    expect(result.status).toBe(403);
    expect(result.body.error).toMatchObject({
      code: "forbidden",
      message: 'This API key does not have the "leads:write" scope',
      details: { scope: "leads:write", scopes: ["leads:read"] },
    });
    expect(result.challenge).toBe('Bearer error="insufficient_scope", scope="leads:write"');
  });

  it("adds the api-key actor and tenant, records the use, and never logs the key", async () => {
    const { route, uses, lines } = setup();
    const result = await call(route("leads:read"), `bearer ${TOKEN}`);
    expect(result).toEqual({
      status: 200,
      challenge: null,
      body: {
        actor: { kind: "api_key", apiKeyId: "k-1", tenantId: "t-1", scopes: ["leads:read"] },
        tenantId: "t-1",
        prefix: "pp_live_ab12cd34",
      },
    });
    expect(uses).toEqual(["k-1"]);
    expect(lines).toEqual([expect.objectContaining({ actor: "api_key:k-1", tenantId: "t-1", status: 200 })]);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it("needs no scope when the route asks for none", async () => {
    const { route } = setup();
    expect((await call(route(), `Bearer ${TOKEN}`)).status).toBe(200);
  });
});

describe("withOneTimeSecret", () => {
  const { logger } = captureLogs();
  const route = (reveal: boolean) =>
    compose(
      { route: "/api/keys", logger },
      withOneTimeSecret("key"),
    )((ctx) => {
      if (reveal) ctx.revealOnce("s3cret");
      return created({ id: "k-1" });
    });

  it("adds the revealed secret to the body and forbids caching", async () => {
    const response = await callRoute(route(true), testRequest("/api/keys", { json: {} }));
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ id: "k-1", key: "s3cret" });
  });

  it("leaves a response without a revealed secret alone", async () => {
    const response = await callRoute(route(false), testRequest("/api/keys", { json: {} }));
    expect(await response.json()).toEqual({ id: "k-1" });
  });
});
