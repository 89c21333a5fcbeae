import { db } from "@pp/db";
import { createMember, createTenant, ensureReferenceData } from "@pp/db/factories";
import { resetEnv } from "@pp/env";
import { beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "./create-auth";

const TENANT_URL = "http://tenant.test";
const PORTAL_URL = "http://portal.test";

beforeAll(async () => {
  process.env.AUTH_SECRET = "cross-app-session-test-secret-long-enough";
  resetEnv();
  await ensureReferenceData(db);
});

async function signInTenant(email: string, password: string): Promise<string> {
  const response = await createAuth("tenant", TENANT_URL).handler(
    new Request(`${TENANT_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TENANT_URL },
      body: JSON.stringify({ email, password }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("pp_tenant.session_token="));
  return (cookie ?? "").split(";")[0]?.split("=").slice(1).join("=") ?? "";
}

const getSession = (app: "portal" | "tenant", cookie: string) => {
  const url = app === "portal" ? PORTAL_URL : TENANT_URL;
  return createAuth(app, url).handler(new Request(`${url}/api/auth/get-session`, { headers: { cookie } }));
};

describe("a session works only in the app that issued it", () => {
  it("a tenant-app session token renamed to the portal cookie opens nothing at the portal's own Better Auth endpoints", async () => {
    const tenant = await createTenant(db, {});
    await createMember(db, { tenantId: tenant.id, email: "both-apps@cross.test", password: "right-password-1" });
    const token = await signInTenant("both-apps@cross.test", "right-password-1");
    expect(token).not.toBe("");

    const atTenant = await getSession("tenant", `pp_tenant.session_token=${token}`);
    expect(((await atTenant.json()) as { user?: { email: string } } | null)?.user?.email).toBe("both-apps@cross.test");

    const atPortal = await getSession("portal", `pp_portal.session_token=${token}`);
    expect(await atPortal.json()).toBeNull();
    const sessions = await createAuth("portal", PORTAL_URL).handler(
      new Request(`${PORTAL_URL}/api/auth/list-sessions`, { headers: { cookie: `pp_portal.session_token=${token}` } }),
    );
    expect(sessions.status).toBe(401);
  });
});
