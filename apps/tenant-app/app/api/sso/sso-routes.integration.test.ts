import { randomBytes, randomUUID } from "node:crypto";
import { getSignedInUser } from "@pp/core/auth/resolve-session";
import { encryptSecret } from "@pp/core/crypto/encrypt-secret";
import { driveLocalIdp } from "@pp/core/federation/sso/testing";
import { db } from "@pp/db";
import { createOidcConnection, createTenant, ensureReferenceData } from "@pp/db/factories";
import { ssoLoginTraces } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "../../../../../tooling/oidc/local-idp";

const APP_URL = "http://localhost:3901";
const CLIENT = { clientId: "tenant-routes", clientSecret: `secret-${randomUUID()}` };
let idp: LocalIdp;
let domain: string;
let slug: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = "sso-routes-test-secret-of-enough-length";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  process.env.TENANT_APP_URL = APP_URL;
  resetEnv();
  await ensureReferenceData(db);
  idp = await startLocalIdp({ clients: [{ ...CLIENT, redirectUris: [`${APP_URL}/api/sso/callback`] }] });
  const tenant = await createTenant(db, {});
  slug = tenant.slug;
  domain = `routes-${randomUUID().slice(0, 8)}.test`;
  await createOidcConnection(db, {
    tenantId: tenant.id,
    issuer: idp.issuer,
    clientId: CLIENT.clientId,
    clientSecret: encryptSecret(CLIENT.clientSecret),
    emailDomains: [domain],
    defaultRole: "technician",
  });
});

afterAll(async () => {
  await idp?.stop();
});

const noParams = { params: Promise.resolve({}) };

async function postBegin(body: unknown) {
  const { POST } = await import("./begin/route");
  return POST(
    new Request(`${APP_URL}/api/sso/begin`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL },
      body: JSON.stringify(body),
    }),
    noParams,
  );
}

async function getCallback(url: URL, cookie: string) {
  const { GET } = await import("./callback/route");
  return GET(new Request(url, { headers: { cookie } }), noParams);
}

describe("tenant app SSO routes", () => {
  it("POST /api/sso/begin → the IdP; GET /api/sso/callback → signed in on the workspace", async () => {
    const email = `route.user@${domain}`;
    const begun = await postBegin({ email });
    expect(begun.status).toBe(200);
    expect(begun.headers.get("ratelimit-policy")).toBeTruthy();
    const { redirectUrl } = (await begun.json()) as { redirectUrl: string };
    expect(redirectUrl.startsWith(`${idp.issuer}/auth?`)).toBe(true);
    const stateCookie = begun.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    expect(stateCookie).toMatch(/^pp_tenant\.sso_state=/);

    const callback = await driveLocalIdp(redirectUrl, { login: email, callbackPrefix: `${APP_URL}/api/sso/callback` });
    const done = await getCallback(callback, stateCookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(`${APP_URL}/t/${slug}`);
    const session = done.headers
      .getSetCookie()
      .filter((value) => value.startsWith("pp_tenant.session_token="))
      .map((value) => value.split(";")[0])
      .join("; ");
    expect(session).not.toBe("");
    const { getAuth } = await import("../../../lib/auth");
    expect(await getSignedInUser(getAuth(), new Headers({ cookie: session }), "tenant")).toMatchObject({ email });
  });

  it("a callback without the browser's state → 303 to the sign-in page with a message, never an error page", async () => {
    const response = await getCallback(new URL(`${APP_URL}/api/sso/callback?code=x&state=forged`), "");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_URL}/sign-in?sso=1&sso_error=expired`);
    const requestId = response.headers.get("x-request-id") ?? "";
    const traces = await db.select().from(ssoLoginTraces).where(eq(ssoLoginTraces.requestId, requestId));
    expect(traces).toEqual([expect.objectContaining({ stage: "state" })]);
  });

  it("an unknown domain answers with the sign-in page's message; a malformed email is a 400 naming the field", async () => {
    const unknown = await postBegin({ email: "someone@no-sso-here.test" });
    expect(await unknown.json()).toEqual({ redirectUrl: `${APP_URL}/sign-in?sso=1&sso_error=no_connection` });
    const malformed = await postBegin({ email: "not-an-email" });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: { message: string } }).error.message).toContain('"email"');
  });
});
