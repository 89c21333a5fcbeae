import { randomBytes, randomUUID } from "node:crypto";
import { resolveStaff } from "@pp/core/auth/resolve-session";
import { encryptSecret } from "@pp/core/crypto/encrypt-secret";
import { driveLocalIdp } from "@pp/core/federation/sso/testing";
import { db } from "@pp/db";
import { createOidcConnection, createStaffUser, ensureReferenceData } from "@pp/db/factories";
import { ssoLoginTraces } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "../../../../../tooling/oidc/local-idp";

const APP_URL = "http://localhost:3900";
const CLIENT = { clientId: "portal-routes", clientSecret: `secret-${randomUUID()}` };
let idp: LocalIdp;
let domain: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = "portal-sso-routes-test-secret-of-enough-length";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  process.env.PORTAL_URL = APP_URL;
  resetEnv();
  await ensureReferenceData(db);
  idp = await startLocalIdp({ clients: [{ ...CLIENT, redirectUris: [`${APP_URL}/api/sso/callback`] }] });
  domain = `staff-${randomUUID().slice(0, 8)}.test`;
  await createOidcConnection(db, {
    issuer: idp.issuer,
    clientId: CLIENT.clientId,
    clientSecret: encryptSecret(CLIENT.clientSecret),
    emailDomains: [domain],
  });
});

afterAll(async () => {
  await idp?.stop();
});

const noParams = { params: Promise.resolve({}) };

/** Begin at the route, sign in at the IdP as `email`, come back through the callback route. */
async function signInWithSso(email: string) {
  const { POST } = await import("./begin/route");
  const { GET } = await import("./callback/route");
  const begun = await POST(
    new Request(`${APP_URL}/api/sso/begin`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: APP_URL },
      body: JSON.stringify({ email }),
    }),
    noParams,
  );
  const { redirectUrl } = (await begun.json()) as { redirectUrl: string };
  const cookie = begun.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  const callback = await driveLocalIdp(redirectUrl, { login: email, callbackPrefix: `${APP_URL}/api/sso/callback` });
  return GET(new Request(callback, { headers: { cookie } }), noParams);
}

describe("portal staff SSO routes", () => {
  it("signs an active staff member in and lands on /provider", async () => {
    const email = `success@${domain}`;
    await createStaffUser(db, { role: "success", email });
    const response = await signInWithSso(email);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP_URL}/provider`);
    const cookie = response.headers
      .getSetCookie()
      .map((value) => value.split(";")[0])
      .join("; ");
    const { getAuth } = await import("../../../lib/auth");
    expect(await resolveStaff(getAuth(), new Headers({ cookie }))).toMatchObject({ email, role: "success" });
  });

  it("refuses an IdP user who is not staff, with a message and a trace", async () => {
    const response = await signInWithSso(`intruder@${domain}`);
    expect(response.headers.get("location")).toBe(`${APP_URL}/sign-in?sso=1&sso_error=not_staff`);
    expect(response.headers.getSetCookie().some((value) => value.includes("session_token"))).toBe(false);
    const requestId = response.headers.get("x-request-id") ?? "";
    const traces = await db.select().from(ssoLoginTraces).where(eq(ssoLoginTraces.requestId, requestId));
    expect(traces).toEqual([expect.objectContaining({ stage: "staff", email: `intruder@${domain}` })]);
  });
});
