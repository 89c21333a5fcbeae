import { randomBytes, randomUUID } from "node:crypto";
import { AppError } from "@pp/core/errors";
import { db } from "@pp/db";
import {
  createOidcConnection as createConnectionRow,
  createMember,
  createStaffUser,
  createTenant,
  createUser,
  ensureReferenceData,
  type Tenant,
} from "@pp/db/factories";
import { memberships, oidcConnectionDomains, sessions, users } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTxtServer, type TxtServer } from "../../../../../tooling/dns/txt-server";
import { type LocalIdp, startLocalIdp } from "../../../../../tooling/oidc/local-idp";
import type { StaffActor } from "../../auth/actors";
import { type Auth, createAuth } from "../../auth/create-auth";
import { findMembership, getSignedInUser, listUserTenants } from "../../auth/resolve-session";
import { encryptSecret } from "../../crypto/encrypt-secret";
import { createOidcConnection } from "../create-oidc-connection";
import { listConnectionDomains } from "../list-connection-domains";
import { updateOidcConnection } from "../update-oidc-connection";
import { verifyConnectionDomain } from "../verify-connection-domain";
import { beginSsoLogin } from "./begin-sso-login";
import { completeSsoLogin } from "./complete-sso-login";
import { readCookie, ssoStateCookieName } from "./sso-login-state";
import { driveLocalIdp } from "./testing";

const TENANT_URL = "http://localhost:3001";
const CLIENT = { clientId: "scope-app", clientSecret: `scope-secret-${randomUUID()}` };

let idp: LocalIdp;
let dns: TxtServer;
let auth: Auth;
let actor: StaffActor;
let acme: Tenant;
let rival: Tenant;
let acmeDomain: string;
let unverifiedDomain: string;

beforeAll(async () => {
  process.env.AUTH_SECRET = "sso-tenant-scope-test-secret-long-enough";
  process.env.ENCRYPTION_KEYS = `v1:${randomBytes(32).toString("base64")}`;
  resetEnv();
  await ensureReferenceData(db);
  idp = await startLocalIdp({
    clients: [{ ...CLIENT, redirectUris: [`${TENANT_URL}/api/sso/callback`] }],
  });
  dns = await startTxtServer();
  auth = createAuth("tenant", TENANT_URL);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  actor = { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
  acme = await createTenant(db, { name: "Acme Scope" });
  rival = await createTenant(db, { name: "Rival Scope" });
  acmeDomain = `acme-${randomUUID().slice(0, 8)}.test`;
  unverifiedDomain = `fresh-${randomUUID().slice(0, 8)}.test`;
  const secret = encryptSecret(CLIENT.clientSecret);
  await createConnectionRow(db, {
    tenantId: acme.id,
    issuer: idp.issuer,
    clientId: CLIENT.clientId,
    clientSecret: secret,
    emailDomains: [acmeDomain],
  });
  await createConnectionRow(db, {
    tenantId: acme.id,
    issuer: idp.issuer,
    clientId: CLIENT.clientId,
    clientSecret: secret,
    emailDomains: [unverifiedDomain],
    domainsVerified: false,
  });
});

afterAll(async () => {
  await idp?.stop();
  await dns?.stop();
});

async function ssoSignIn(email: string) {
  const started = await beginSsoLogin({ app: "tenant", email, appUrl: TENANT_URL });
  expect(started.failure).toBeUndefined();
  const stateCookie = readCookie(started.cookies.map((c) => c.split(";")[0]).join("; "), ssoStateCookieName("tenant"));
  const callback = await driveLocalIdp(started.location, {
    login: email,
    callbackPrefix: `${TENANT_URL}/api/sso/callback`,
  });
  return completeSsoLogin({
    app: "tenant",
    auth,
    query: callback.searchParams,
    stateCookie,
    appUrl: TENANT_URL,
    context: { requestId: `req-${randomUUID()}` },
  });
}

function sessionHeaders(setCookies: string[]): Headers {
  return new Headers({ cookie: setCookies.map((c) => c.split(";")[0]).join("; ") });
}

const membershipsOf = (userId: string) =>
  db.select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId));

describe("a domain belongs to one connection", () => {
  it("refuses a second connection, in another tenant, that claims a domain already claimed (draft or enabled)", async () => {
    const input = {
      actor,
      name: "Rival IdP",
      issuer: idp.issuer,
      clientId: CLIENT.clientId,
      clientSecret: "rival-secret-long-enough-1234",
      defaultRole: "technician" as const,
    };
    const taken = await createOidcConnection({ ...input, tenantId: rival.id, emailDomains: [acmeDomain] }).catch(
      (error: unknown) => error,
    );
    expect(taken).toBeInstanceOf(AppError);
    expect((taken as AppError).status).toBe(409);
    expect((taken as AppError).message).toContain(acmeDomain);

    const own = await createOidcConnection({
      ...input,
      tenantId: rival.id,
      emailDomains: [`rival-${randomUUID().slice(0, 8)}.test`],
    });
    const moved = await updateOidcConnection({ actor, connectionId: own.id, emailDomains: [acmeDomain] }).catch(
      (error: unknown) => error,
    );
    expect((moved as AppError).status).toBe(409);
    const staffClaim = await createOidcConnection({ ...input, tenantId: null, emailDomains: [acmeDomain] }).catch(
      (error: unknown) => error,
    );
    expect((staffClaim as AppError).status).toBe(409);

    // The database refuses it too, whatever code path writes.
    await expect(
      db.insert(oidcConnectionDomains).values({ domain: acmeDomain, connectionId: own.id, verificationToken: "x" }),
    ).rejects.toThrow();
  });
});

describe("an SSO session", () => {
  it("opens only the connection's tenant, even for a member of other tenants", async () => {
    const email = `both@${acmeDomain}`;
    const user = await createUser(db, { email });
    await createMember(db, { tenantId: acme.id, userId: user.id, role: "dispatcher" });
    await createMember(db, { tenantId: rival.id, userId: user.id, role: "owner" });

    const completed = await ssoSignIn(email);
    expect(completed.failure).toBeUndefined();
    const signedIn = await getSignedInUser(auth, sessionHeaders(completed.cookies), "tenant");
    if (!signedIn) throw new Error("the SSO session does not sign in");
    expect(signedIn.ssoTenantId).toBe(acme.id);
    expect((await findMembership(signedIn, acme.slug))?.tenantId).toBe(acme.id);
    expect(await findMembership(signedIn, rival.slug)).toBeNull();
    expect((await listUserTenants(user.id, signedIn.ssoTenantId)).map((t) => t.slug)).toEqual([acme.slug]);
    const [row] = await db.select().from(sessions).where(eq(sessions.id, signedIn.sessionId));
    expect(row?.ssoTenantId).toBe(acme.id);
  });

  it("does not link an existing password account that is not a member of the connection's tenant", async () => {
    const email = `owner-elsewhere@${acmeDomain}`;
    const user = await createUser(db, { email, password: "a password of theirs 1" });
    await createMember(db, { tenantId: rival.id, userId: user.id, role: "owner" });

    const completed = await ssoSignIn(email);
    expect(completed.failure?.code).toBe("not_member");
    expect(completed.cookies.some((cookie) => cookie.includes("session_token"))).toBe(false);
    expect((await membershipsOf(user.id)).map((m) => m.tenantId)).toEqual([rival.id]);
  });

  it("links a password account that is already a member of the connection's tenant", async () => {
    const email = `member@${acmeDomain}`;
    const user = await createUser(db, { email, password: "a password of theirs 2" });
    await createMember(db, { tenantId: acme.id, userId: user.id, role: "technician" });
    const completed = await ssoSignIn(email);
    expect(completed.failure).toBeUndefined();
  });
});

describe("domain ownership proof", () => {
  it("creates nobody from an unverified domain until its DNS TXT record is checked", async () => {
    const email = `newcomer@${unverifiedDomain}`;
    const refused = await ssoSignIn(email);
    expect(refused.failure?.code).toBe("domain_unverified");
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);

    const [connection] = await db
      .select({ connectionId: oidcConnectionDomains.connectionId })
      .from(oidcConnectionDomains)
      .where(eq(oidcConnectionDomains.domain, unverifiedDomain));
    const connectionId = connection?.connectionId ?? "";
    const [domain] = await listConnectionDomains({ connectionIds: [connectionId] });
    expect(domain).toMatchObject({
      domain: unverifiedDomain,
      verifiedAt: null,
      txtName: `_pp-sso.${unverifiedDomain}`,
    });

    // A wrong record proves nothing.
    dns.setTxt(domain?.txtName ?? "", ["pp-sso-verification=someone-elses-token"]);
    const wrong = await verifyConnectionDomain({
      actor,
      connectionId,
      domain: unverifiedDomain,
      dnsServer: dns.address,
    });
    expect(wrong.verified).toBe(false);
    expect(wrong.detail).toContain("do not include");

    dns.setTxt(domain?.txtName ?? "", ["v=spf1 -all", domain?.txtValue ?? ""]);
    const proved = await verifyConnectionDomain({
      actor,
      connectionId,
      domain: unverifiedDomain,
      dnsServer: dns.address,
    });
    expect(proved.verified).toBe(true);

    const admitted = await ssoSignIn(email);
    expect(admitted.failure).toBeUndefined();
    const [created] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    expect((await membershipsOf(created?.id ?? "")).map((m) => m.tenantId)).toEqual([acme.id]);
    const [claim] = await db
      .select({ verifiedAt: oidcConnectionDomains.verifiedAt })
      .from(oidcConnectionDomains)
      .where(
        and(eq(oidcConnectionDomains.domain, unverifiedDomain), eq(oidcConnectionDomains.connectionId, connectionId)),
      );
    expect(claim?.verifiedAt).toBeInstanceOf(Date);
  });
});
