import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@pp/db";
import {
  createMember,
  createOidcConnection,
  createStaffUser,
  createTenant,
  ensureReferenceData,
  findUserByEmail,
  type Tenant,
} from "@pp/db/factories";
import { auditEvents, memberships, oidcConnections, sessions, ssoLoginTraces, verifications } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "../../../../../tooling/oidc/local-idp";
import { type Auth, createAuth } from "../../auth/create-auth";
import { getSignedInUser, resolveStaff } from "../../auth/resolve-session";
import { encryptSecret } from "../../crypto/encrypt-secret";
import { beginSsoLogin } from "./begin-sso-login";
import { completeSsoLogin } from "./complete-sso-login";
import { readCookie, ssoStateCookieName } from "./sso-login-state";
import type { SsoRedirect } from "./sso-redirect";
import { driveLocalIdp } from "./testing";

const TENANT_URL = "http://localhost:3001";
const PORTAL_URL = "http://localhost:3000";
const TENANT_CLIENT = { clientId: "tenant-app", clientSecret: `tenant-secret-${randomUUID()}` };
const PORTAL_CLIENT = { clientId: "provider-portal", clientSecret: `portal-secret-${randomUUID()}` };

let idp: LocalIdp;
let tenantAuth: Auth;
let portalAuth: Auth;
let tenant: Tenant;
let tenantDomain: string;
let tenantConnectionId: string;
let staffDomain: string;
let staffConnectionId: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = "sso-login-test-secret-of-enough-length";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
  await ensureReferenceData(db);
  idp = await startLocalIdp({
    clients: [
      { ...TENANT_CLIENT, redirectUris: [`${TENANT_URL}/api/sso/callback`] },
      { ...PORTAL_CLIENT, redirectUris: [`${PORTAL_URL}/api/sso/callback`] },
    ],
  });
  tenantAuth = createAuth("tenant", TENANT_URL);
  portalAuth = createAuth("portal", PORTAL_URL);
  tenant = await createTenant(db, { name: "SSO Plumbing" });
  tenantDomain = `sso-plumbing-${randomUUID().slice(0, 8)}.test`;
  staffDomain = `provider-${randomUUID().slice(0, 8)}.test`;
  tenantConnectionId = (
    await createOidcConnection(db, {
      tenantId: tenant.id,
      name: "SSO Plumbing IdP",
      issuer: idp.issuer,
      clientId: TENANT_CLIENT.clientId,
      clientSecret: encryptSecret(TENANT_CLIENT.clientSecret),
      emailDomains: [tenantDomain],
      defaultRole: "dispatcher",
    })
  ).id;
  staffConnectionId = (
    await createOidcConnection(db, {
      name: "Provider staff IdP",
      issuer: idp.issuer,
      clientId: PORTAL_CLIENT.clientId,
      clientSecret: encryptSecret(PORTAL_CLIENT.clientSecret),
      emailDomains: [staffDomain],
    })
  ).id;
});

afterAll(async () => {
  await idp?.stop();
});

/** The `name=value` pairs of Set-Cookie values, as a browser would send them back. */
function cookieHeader(setCookies: string[]): string {
  return setCookies.map((cookie) => cookie.split(";")[0]).join("; ");
}

type App = "tenant" | "portal";
const appUrlOf = (app: App) => (app === "tenant" ? TENANT_URL : PORTAL_URL);

async function begin(app: App, email: string, extra: { tenantSlug?: string; returnTo?: string } = {}) {
  return beginSsoLogin({ app, email, appUrl: appUrlOf(app), requestId: `req-${randomUUID()}`, ...extra });
}

/** Begin → the IdP's screens (typing `login`) → the callback, as one browser would. */
async function signInThroughIdp(
  app: App,
  email: string,
  options: { login?: string; abort?: boolean; beforeCallback?: (state: string) => Promise<void> } = {},
) {
  const started = await begin(app, email);
  expect(started.failure).toBeUndefined();
  const stateCookie = readCookie(cookieHeader(started.cookies), ssoStateCookieName(app)) ?? "";
  const callback = await driveLocalIdp(started.location, {
    login: options.login ?? email,
    abort: options.abort,
    callbackPrefix: `${appUrlOf(app)}/api/sso/callback`,
  });
  await options.beforeCallback?.(stateCookie);
  const requestId = `req-${randomUUID()}`;
  const completed = await completeSsoLogin({
    app,
    auth: app === "tenant" ? tenantAuth : portalAuth,
    query: callback.searchParams,
    stateCookie,
    appUrl: appUrlOf(app),
    context: { requestId, ip: "203.0.113.9", userAgent: "vitest" },
  });
  return { started, callback, completed, requestId, stateCookie };
}

async function tracesOf(requestId: string) {
  return db.select().from(ssoLoginTraces).where(eq(ssoLoginTraces.requestId, requestId));
}

function errorOf(redirect: SsoRedirect): string | null {
  return new URL(redirect.location).searchParams.get("sso_error");
}

describe("beginSsoLogin", () => {
  it("sends a tenant user to their IdP with PKCE S256, state and nonce, keeping the verifier server-side", async () => {
    const started = await begin("tenant", `Dana@${tenantDomain}`);
    const url = new URL(started.location);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("client_id")).toBe(TENANT_CLIENT.clientId);
    expect(url.searchParams.get("redirect_uri")).toBe(`${TENANT_URL}/api/sso/callback`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("nonce")).toBeTruthy();
    expect(url.searchParams.get("login_hint")).toBe(`dana@${tenantDomain}`);
    const state = url.searchParams.get("state") ?? "";
    expect(state.length).toBeGreaterThan(20);

    const [cookie] = started.cookies;
    expect(cookie).toMatch(
      new RegExp(`^pp_tenant\\.sso_state=${state}; Path=/api/sso; Max-Age=600; HttpOnly; SameSite=Lax`),
    );
    const [stored] = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, `sso-login:${state}`));
    expect(stored?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    const saved = JSON.parse(stored?.value ?? "{}") as Record<string, string>;
    expect(saved).toMatchObject({ app: "tenant", connectionId: tenantConnectionId, email: `dana@${tenantDomain}` });
    // The browser never sees the verifier or the nonce's storage, only the challenge.
    expect(started.location).not.toContain(saved.codeVerifier);
  });

  it("sweeps logins abandoned at the IdP once they expire", async () => {
    const abandoned = await beginSsoLogin({
      app: "tenant",
      email: `gone@${tenantDomain}`,
      appUrl: TENANT_URL,
      now: new Date(Date.now() - 11 * 60_000),
    });
    const state = new URL(abandoned.location).searchParams.get("state");
    await begin("tenant", `next@${tenantDomain}`);
    const left = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, `sso-login:${state}`));
    expect(left).toHaveLength(0);
  });

  it("finds the staff connection for the portal and never a tenant's", async () => {
    const staff = await begin("portal", `someone@${staffDomain}`);
    expect(new URL(staff.location).searchParams.get("client_id")).toBe(PORTAL_CLIENT.clientId);
    const tenantDomainAtPortal = await begin("portal", `someone@${tenantDomain}`);
    expect(errorOf(tenantDomainAtPortal)).toBe("no_connection");
  });

  it("restricts a tenant sign-in page to its own tenant's connection", async () => {
    const other = await createTenant(db, {});
    const elsewhere = await begin("tenant", `dana@${tenantDomain}`, { tenantSlug: other.slug });
    expect(errorOf(elsewhere)).toBe("no_connection");
    const own = await begin("tenant", `dana@${tenantDomain}`, { tenantSlug: tenant.slug });
    expect(own.failure).toBeUndefined();
  });

  it("an unknown domain → the sign-in page with a message, and a trace", async () => {
    const requestId = `req-${randomUUID()}`;
    const redirect = await beginSsoLogin({
      app: "tenant",
      email: "ann@nobody-has-sso.test",
      appUrl: TENANT_URL,
      requestId,
    });
    expect(redirect.location).toBe(`${TENANT_URL}/sign-in?sso=1&sso_error=no_connection`);
    expect(await tracesOf(requestId)).toEqual([
      expect.objectContaining({
        connectionId: null,
        email: "ann@nobody-has-sso.test",
        stage: "home_realm",
        error: "No enabled connection of any tenant claims nobody-has-sso.test",
      }),
    ]);
  });

  it("an unreachable IdP → idp_unreachable at discovery, traced against the connection", async () => {
    const domain = `down-${randomUUID().slice(0, 8)}.test`;
    const down = await createOidcConnection(db, {
      tenantId: tenant.id,
      issuer: "http://localhost:9",
      clientId: "x",
      clientSecret: encryptSecret("whatever-secret"),
      emailDomains: [domain],
    });
    const requestId = `req-${randomUUID()}`;
    const redirect = await beginSsoLogin({ app: "tenant", email: `bo@${domain}`, appUrl: TENANT_URL, requestId });
    expect(errorOf(redirect)).toBe("idp_unreachable");
    const [trace] = await tracesOf(requestId);
    expect(trace).toMatchObject({ connectionId: down.id, stage: "discovery" });
    expect(trace?.error).toContain("could not be reached");
  });
});

describe("completeSsoLogin — tenant app", () => {
  it("creates the user and a membership with the connection's default role, audited, then signs in", async () => {
    const email = `new.tech@${tenantDomain}`;
    const { completed, requestId } = await signInThroughIdp("tenant", email);
    expect(completed.failure).toBeUndefined();
    expect(completed.location).toBe(`${TENANT_URL}/t/${tenant.slug}`);

    const user = await findUserByEmail(db, email);
    expect(user).toMatchObject({ email, emailVerified: true });
    const [membership] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user?.id ?? "")));
    expect(membership?.role).toBe("dispatcher");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "sso.member_provisioned"));
    expect(audit.filter((row) => row.targetId === membership?.id)).toEqual([
      expect.objectContaining({
        tenantId: tenant.id,
        actorId: user?.id,
        requestId,
        after: { userId: user?.id, email, role: "dispatcher" },
      }),
    ]);

    // The cookie is a real tenant-app session, marked as such; the portal does not accept it.
    const cookie = cookieHeader(completed.cookies);
    const headers = new Headers({ cookie });
    expect(await getSignedInUser(tenantAuth, headers, "tenant")).toMatchObject({ email });
    expect(await getSignedInUser(portalAuth, headers, "portal")).toBeNull();
    const rows = await db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, user?.id ?? ""));
    expect(rows).toEqual([expect.objectContaining({ app: "tenant", ipAddress: "203.0.113.9", userAgent: "vitest" })]);
    expect(completed.cookies.some((value) => /^pp_tenant\.sso_state=; Path=\/api\/sso; Max-Age=0/.test(value))).toBe(
      true,
    );
    const signedIn = await db.select().from(auditEvents).where(eq(auditEvents.action, "auth.signed_in"));
    expect(signedIn.some((row) => row.actorId === user?.id && row.requestId === requestId)).toBe(true);
  });

  it("keeps an existing member's role and provisions nothing on later sign-ins", async () => {
    const email = `owner.sso@${tenantDomain}`;
    await createMember(db, { tenantId: tenant.id, role: "owner", email });
    const { completed } = await signInThroughIdp("tenant", email);
    expect(completed.failure).toBeUndefined();
    const user = await findUserByEmail(db, email);
    const [membership] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user?.id ?? "")));
    expect(membership?.role).toBe("owner");
    const provisioned = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "sso.member_provisioned"), eq(auditEvents.actorId, user?.id ?? "")));
    expect(provisioned).toHaveLength(0);
  });

  it("an IdP error (the user cancels) → denied, traced at authorization", async () => {
    const { completed, requestId } = await signInThroughIdp("tenant", `quitter@${tenantDomain}`, { abort: true });
    expect(errorOf(completed)).toBe("denied");
    expect(completed.cookies.some((value) => value.startsWith("pp_tenant.session_token"))).toBe(false);
    const [trace] = await tracesOf(requestId);
    expect(trace).toMatchObject({
      connectionId: tenantConnectionId,
      stage: "authorization",
      email: `quitter@${tenantDomain}`,
    });
    expect(trace?.error).toContain("access_denied");
  });

  it("a callback in a browser without the login's state cookie → expired, traced at state", async () => {
    const started = await begin("tenant", `csrf@${tenantDomain}`);
    const callback = await driveLocalIdp(started.location, {
      login: `csrf@${tenantDomain}`,
      callbackPrefix: `${TENANT_URL}/api/sso/callback`,
    });
    const requestId = `req-${randomUUID()}`;
    const completed = await completeSsoLogin({
      app: "tenant",
      auth: tenantAuth,
      query: callback.searchParams,
      stateCookie: "someone-elses-state",
      appUrl: TENANT_URL,
      context: { requestId },
    });
    expect(errorOf(completed)).toBe("expired");
    expect(await tracesOf(requestId)).toEqual([expect.objectContaining({ stage: "state", connectionId: null })]);
  });

  it("a login older than ten minutes, or a callback used twice → expired", async () => {
    const email = `slow@${tenantDomain}`;
    const started = await begin("tenant", email);
    const stateCookie = readCookie(cookieHeader(started.cookies), ssoStateCookieName("tenant"));
    const callback = await driveLocalIdp(started.location, { login: email, callbackPrefix: `${TENANT_URL}/api/sso` });
    const later = new Date(Date.now() + 11 * 60_000);
    const options = {
      app: "tenant" as const,
      auth: tenantAuth,
      query: callback.searchParams,
      stateCookie,
      appUrl: TENANT_URL,
    };
    const expired = await completeSsoLogin({ ...options, context: { requestId: `req-${randomUUID()}` }, now: later });
    expect(errorOf(expired)).toBe("expired");

    const fresh = await signInThroughIdp("tenant", `twice@${tenantDomain}`);
    expect(fresh.completed.failure).toBeUndefined();
    const requestId = `req-${randomUUID()}`;
    const replay = await completeSsoLogin({
      ...options,
      query: fresh.callback.searchParams,
      stateCookie: fresh.stateCookie,
      context: { requestId },
    });
    expect(errorOf(replay)).toBe("expired");
    expect(await tracesOf(requestId)).toEqual([expect.objectContaining({ stage: "state" })]);
  });

  it("a token endpoint that refuses the client → token_rejected, traced at token_exchange", async () => {
    const wrong = encryptSecret("not-the-registered-secret");
    const { completed, requestId } = await signInThroughIdp("tenant", `rejected@${tenantDomain}`, {
      beforeCallback: async () => {
        await db
          .update(oidcConnections)
          .set({ clientSecretCiphertext: wrong.ciphertext, clientSecretKeyId: wrong.keyId })
          .where(eq(oidcConnections.id, tenantConnectionId));
      },
    });
    const right = encryptSecret(TENANT_CLIENT.clientSecret);
    await db
      .update(oidcConnections)
      .set({ clientSecretCiphertext: right.ciphertext, clientSecretKeyId: right.keyId })
      .where(eq(oidcConnections.id, tenantConnectionId));
    expect(errorOf(completed)).toBe("token_rejected");
    const [trace] = await tracesOf(requestId);
    expect(trace).toMatchObject({ stage: "token_exchange", connectionId: tenantConnectionId });
    expect(trace?.error).toContain("invalid_client");
    expect(trace?.error).not.toContain("not-the-registered-secret");
  });

  it("an ID token whose nonce is not this login's → invalid_token, traced at id_token", async () => {
    const { completed, requestId } = await signInThroughIdp("tenant", `replayed@${tenantDomain}`, {
      beforeCallback: async (state) => {
        const [row] = await db
          .select()
          .from(verifications)
          .where(eq(verifications.identifier, `sso-login:${state}`));
        const value = { ...(JSON.parse(row?.value ?? "{}") as object), nonce: "a-different-nonce" };
        await db
          .update(verifications)
          .set({ value: JSON.stringify(value) })
          .where(eq(verifications.identifier, `sso-login:${state}`));
      },
    });
    expect(errorOf(completed)).toBe("invalid_token");
    const [trace] = await tracesOf(requestId);
    expect(trace).toMatchObject({ stage: "id_token", connectionId: tenantConnectionId });
    expect(trace?.error).toContain("nonce");
  });

  it("an email outside the connection's domains → email_domain, nobody provisioned", async () => {
    const { completed, requestId } = await signInThroughIdp("tenant", `eve@${tenantDomain}`, {
      login: "eve@elsewhere.test",
    });
    expect(errorOf(completed)).toBe("email_domain");
    expect(await tracesOf(requestId)).toEqual([
      expect.objectContaining({ stage: "claims", email: "eve@elsewhere.test" }),
    ]);
    expect(await findUserByEmail(db, "eve@elsewhere.test")).toBeUndefined();
  });

  it("a connection disabled while the user was at the IdP → misconfigured", async () => {
    const domain = `paused-${randomUUID().slice(0, 8)}.test`;
    const paused = await createOidcConnection(db, {
      tenantId: tenant.id,
      issuer: idp.issuer,
      clientId: TENANT_CLIENT.clientId,
      clientSecret: encryptSecret(TENANT_CLIENT.clientSecret),
      emailDomains: [domain],
    });
    const { completed, requestId } = await signInThroughIdp("tenant", `pat@${domain}`, {
      beforeCallback: async () => {
        await db.update(oidcConnections).set({ status: "disabled" }).where(eq(oidcConnections.id, paused.id));
      },
    });
    expect(errorOf(completed)).toBe("misconfigured");
    expect(await tracesOf(requestId)).toEqual([expect.objectContaining({ stage: "configuration" })]);
  });
});

describe("completeSsoLogin — portal staff", () => {
  it("signs an active staff member in to the portal with a portal session", async () => {
    const email = `ops@${staffDomain}`;
    await createStaffUser(db, { role: "operations", email });
    const { completed } = await signInThroughIdp("portal", email);
    expect(completed.failure).toBeUndefined();
    expect(completed.location).toBe(`${PORTAL_URL}/provider`);
    const headers = new Headers({ cookie: cookieHeader(completed.cookies) });
    expect(await resolveStaff(portalAuth, headers)).toMatchObject({ kind: "staff", email, role: "operations" });
    expect(await getSignedInUser(tenantAuth, headers, "tenant")).toBeNull();
  });

  it("never creates staff: an unknown or deactivated email → not_staff, traced", async () => {
    const email = `stranger@${staffDomain}`;
    const { completed, requestId } = await signInThroughIdp("portal", email);
    expect(errorOf(completed)).toBe("not_staff");
    expect(await findUserByEmail(db, email)).toBeUndefined();
    expect(await tracesOf(requestId)).toEqual([
      expect.objectContaining({ stage: "staff", connectionId: staffConnectionId, email }),
    ]);
  });

  it("leaves password sign-in working when the staff IdP is down", async () => {
    const domain = `broken-idp-${randomUUID().slice(0, 8)}.test`;
    const email = `admin@${domain}`;
    await createStaffUser(db, { role: "admin", email, password: "admin-password-123" });
    await createOidcConnection(db, {
      issuer: "http://localhost:9",
      clientId: "x",
      clientSecret: encryptSecret("whatever-secret"),
      emailDomains: [domain],
    });
    expect(errorOf(await begin("portal", email))).toBe("idp_unreachable");
    const signedIn = await portalAuth.api.signInEmail({ body: { email, password: "admin-password-123" } });
    expect(signedIn.user.email).toBe(email);
  });

  it("keeps no pending login once a login finished", async () => {
    const pending = await db.select().from(verifications).where(like(verifications.identifier, "sso-login:%"));
    const states = new Set(pending.map((row) => row.identifier));
    const { stateCookie } = await signInThroughIdp("portal", `ops@${staffDomain}`);
    const after = await db
      .select()
      .from(verifications)
      .where(eq(verifications.identifier, `sso-login:${stateCookie}`));
    expect(after).toHaveLength(0);
    expect(states.has(`sso-login:${stateCookie}`)).toBe(false);
  });
});
