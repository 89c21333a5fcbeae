import { randomBytes, randomUUID } from "node:crypto";
import { captureLogs } from "@pp/core/testing";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { auditEvents, oidcConnections } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compose, json, withIdempotency, withInput, withOneTimeSecret, withProviderAuth } from "@/lib/kit";
import { type LocalIdp, startLocalIdp } from "../../../../../../tooling/oidc/local-idp";
import { GET as PROVIDERS } from "../providers/route";
import { GET as GET_ONE, PATCH } from "./[id]/route";
import { GET as TESTS } from "./[id]/tests/route";
import { GET, POST } from "./route";
import { ZCreateOidcConnectionBody } from "./schema";
import { POST as TEST } from "./test/route";

const PASSWORD = "correct-horse-battery";
const SECRET = `route-secret-${randomUUID()}`;
let idp: LocalIdp;
let tenant: Tenant;
let adminCookie = "";
let viewerCookie = "";

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../lib/auth");
  return signInCookie(getAuth(), email, PASSWORD);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "oidc-route-test-secret-of-enough-length";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
  await ensureReferenceData(db);
  idp = await startLocalIdp({
    clients: [{ clientId: "route-client", clientSecret: SECRET, redirectUris: ["http://localhost:9/cb"] }],
  });
  tenant = await createTenant(db, { name: "Routed Roofing" });
  const suffix = randomUUID().slice(0, 8);
  await createStaffUser(db, { role: "admin", email: `admin-${suffix}@oidc.test`, password: PASSWORD });
  await createStaffUser(db, { role: "viewer", email: `viewer-${suffix}@oidc.test`, password: PASSWORD });
  adminCookie = await signIn(`admin-${suffix}@oidc.test`);
  viewerCookie = await signIn(`viewer-${suffix}@oidc.test`);
}, 60_000);

afterAll(async () => {
  await idp?.stop();
});

function request(
  path: string,
  cookie: string,
  init: { method?: string; json?: unknown; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { cookie, origin: env().portalUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  return new Request(`${env().portalUrl}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

const createBody = () => ({
  tenantId: tenant.id,
  name: "Routed Okta",
  issuer: idp.issuer,
  clientId: "route-client",
  clientSecret: SECRET,
  emailDomains: [`routed-${randomUUID().slice(0, 6)}.test`],
  defaultRole: "technician",
});

describe("/api/federation/oidc", () => {
  it("shows the secret in the create response only: never in GET, the list, a retry, the tests or the providers", async () => {
    const idempotencyKey = randomUUID();
    const body = createBody();
    const first = await callRoute(
      POST,
      request("/api/federation/oidc", adminCookie, { method: "POST", json: body, idempotencyKey }),
    );
    expect(first.status).toBe(201);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const created = (await first.json()) as { id: string; clientSecret: string; status: string };
    expect(created).toMatchObject({ clientSecret: SECRET, status: "draft" });

    const reads = [
      await callRoute(GET, request("/api/federation/oidc", viewerCookie)),
      await callRoute(GET, request(`/api/federation/oidc?audience=${tenant.id}`, adminCookie)),
      await callRoute(GET_ONE, request(`/api/federation/oidc/${created.id}`, viewerCookie), { id: created.id }),
      await callRoute(
        POST,
        request("/api/federation/oidc", adminCookie, { method: "POST", json: body, idempotencyKey }),
      ),
    ];
    const testRun = await callRoute(
      TEST,
      request("/api/federation/oidc/test", adminCookie, { method: "POST", json: { connectionId: created.id } }),
    );
    expect(testRun.status).toBe(200);
    reads.push(testRun);
    reads.push(
      await callRoute(TESTS, request(`/api/federation/oidc/${created.id}/tests`, viewerCookie), { id: created.id }),
    );
    reads.push(await callRoute(PROVIDERS, request("/api/federation/providers", viewerCookie)));
    for (const response of reads) {
      expect(response.status).toBeLessThan(300);
      const text = await response.text();
      expect(text).not.toContain(SECRET);
    }
    const one = (await (
      await callRoute(GET_ONE, request(`/api/federation/oidc/${created.id}`, viewerCookie), { id: created.id })
    ).json()) as {
      clientSecret: string;
      lastTest: { result: string };
    };
    expect(one.clientSecret).toBe(`••••${SECRET.slice(-4)}`);
    expect(one.lastTest.result).toBe("pass");

    const audit = await db.execute(sql`select 1 from ${auditEvents} a where a::text like ${`%${SECRET}%`}`);
    expect(audit.rows).toHaveLength(0);
    const [stored] = await db.select().from(oidcConnections).where(eq(oidcConnections.id, created.id));
    expect(stored?.clientSecretCiphertext.startsWith("v1:")).toBe(true);
  });

  it("lets a viewer read but not write, and replaces the secret write-only", async () => {
    const denied = await callRoute(
      POST,
      request("/api/federation/oidc", viewerCookie, { method: "POST", json: createBody() }),
    );
    expect(denied.status).toBe(403);
    const created = (await (
      await callRoute(POST, request("/api/federation/oidc", adminCookie, { method: "POST", json: createBody() }))
    ).json()) as { id: string };
    const replaced = await callRoute(
      PATCH,
      request(`/api/federation/oidc/${created.id}`, adminCookie, {
        method: "PATCH",
        json: { clientSecret: "a-brand-new-secret-value" },
      }),
      { id: created.id },
    );
    expect(replaced.status).toBe(200);
    const text = await replaced.text();
    expect(text).not.toContain("a-brand-new-secret-value");
    expect(JSON.parse(text)).toMatchObject({ clientSecret: "••••alue", lastTest: null });
    const missing = await callRoute(GET_ONE, request(`/api/federation/oidc/${randomUUID()}`, adminCookie), {
      id: randomUUID(),
    });
    expect(missing.status).toBe(404);
    const bad = await callRoute(
      POST,
      request("/api/federation/oidc", adminCookie, {
        method: "POST",
        json: { ...createBody(), issuer: "http://sso.acme.com" },
      }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'Invalid field "issuer": must use https (plain http is allowed only for localhost)',
    );
  });

  it("rate-limits the test per user (federation-test): 429 with Retry-After and RateLimit headers", async () => {
    const created = (await (
      await callRoute(POST, request("/api/federation/oidc", adminCookie, { method: "POST", json: createBody() }))
    ).json()) as { id: string };
    const statuses: number[] = [];
    let allowed: Response | undefined;
    let refused: Response | undefined;
    for (let attempt = 0; attempt < 8 && !refused; attempt++) {
      const response = await callRoute(
        TEST,
        request("/api/federation/oidc/test", adminCookie, { method: "POST", json: { connectionId: created.id } }),
      );
      statuses.push(response.status);
      if (response.status === 429) refused = response;
      else allowed ??= response;
    }
    // An allowed call reports both policies it counts against, the tighter one first.
    expect(allowed?.headers.get("ratelimit-policy")).toMatch(/^"federation-test";q=5;w=60, "api";q=\d+;w=60$/);
    // The first test above used one of the five.
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(4);
    expect(refused?.status).toBe(429);
    const retryAfter = Number(refused?.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
    expect(refused?.headers.get("ratelimit-policy")).toBe('"federation-test";q=5;w=60');
    expect(refused?.headers.get("ratelimit")).toMatch(/^"federation-test";r=0;t=\d+$/);
    expect(await refused?.json()).toMatchObject({
      error: { code: "rate_limited", message: `Too many requests — try again in ${retryAfter} s` },
    });
  });

  it("keeps the secret out of every log line, even one that logs the whole request body", async () => {
    const { logger, lines } = captureLogs("trace");
    // The create route's own steps, with a logger the test can read and a careless debug line.
    const handler = compose(
      { route: "/api/federation/oidc", logger },
      withProviderAuth("federation:manage"),
      withOneTimeSecret("clientSecret"),
      withIdempotency(),
      withInput({ body: ZCreateOidcConnectionBody }),
    )(async ({ body, log, request: incoming }) => {
      log.debug({ body, headers: Object.fromEntries(incoming.headers) }, "creating a connection");
      log.info({ connection: { config: { client_secret: SECRET, nested: { clientSecret: SECRET } } } }, "deep");
      return json({ ok: true });
    });
    const response = await callRoute(
      handler,
      request("/api/federation/oidc", adminCookie, { method: "POST", json: createBody() }),
    );
    expect(response.status).toBe(200);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.map((line) => line.msg)).toContain("POST /api/federation/oidc 200");
    const debug = lines.find((line) => line.msg === "creating a connection");
    expect(debug?.body).toMatchObject({ clientSecret: "[redacted]", issuer: idp.issuer });
    expect(debug?.headers).toMatchObject({ cookie: "[redacted]" });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });
});
