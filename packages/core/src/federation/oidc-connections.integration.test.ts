import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { auditEvents, oidcConnections, ssoLoginTraces, tenantIntegrations } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "../../../../tooling/oidc/local-idp";
import { sendJson, startStandIn } from "../../../../tooling/oidc/stand-in-server";
import type { StaffActor } from "../auth/actors";
import { decryptSecret, encryptSecret, parseKeyring } from "../crypto/encrypt-secret";
import { AppError } from "../errors";
import { createOidcConnection } from "./create-oidc-connection";
import { disableOidcConnection } from "./disable-oidc-connection";
import { discoverIssuer } from "./discover-issuer";
import { enableOidcConnection } from "./enable-oidc-connection";
import { findConnectionForEmail } from "./find-connection-for-email";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";
import { listIdentityProviders } from "./list-identity-providers";
import { listOidcConnectionTests } from "./list-oidc-connection-tests";
import { listOidcConnections } from "./list-oidc-connections";
import { loadOidcClientSecret } from "./load-oidc-client-secret";
import { rotateEncryptionKeys } from "./rotate-encryption-keys";
import { testOidcConnection } from "./test-oidc-connection";
import { updateOidcConnection } from "./update-oidc-connection";

const V1 = `v1:${randomBytes(32).toString("base64")}`;
const V2 = `v2:${randomBytes(32).toString("base64")}`;
const SECRET = `idp-client-secret-${randomUUID()}`;
const CLIENT_ID = "acme-portal";

let idp: LocalIdp;
let actor: StaffActor;
let tenant: Tenant;

beforeAll(async () => {
  process.env.ENCRYPTION_KEYS = V1;
  resetEnv();
  await ensureReferenceData(db);
  idp = await startLocalIdp({
    clients: [{ clientId: CLIENT_ID, clientSecret: SECRET, redirectUris: ["http://localhost:9/sso/callback"] }],
  });
  const { user, staff } = await createStaffUser(db, { role: "admin", name: "Ada Admin" });
  actor = { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
  tenant = await createTenant(db, { name: "Acme Plumbing" });
});

afterAll(async () => {
  await idp?.stop();
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** Every table whose any row, as text, contains `needle`: the whole database, not one table. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.execute<{ name: string }>(
    sql`select quote_ident(table_name) as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const hit = await db.execute(sql`select 1 from ${sql.raw(name)} t where t::text like ${`%${needle}%`} limit 1`);
    if (hit.rows.length > 0) found.push(name);
  }
  return found;
}

function connectionInput(overrides: Partial<Parameters<typeof createOidcConnection>[0]> = {}) {
  return {
    actor,
    tenantId: tenant.id,
    name: "Acme Okta",
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret: SECRET,
    emailDomains: [`acme-${randomUUID().slice(0, 8)}.test`],
    defaultRole: "dispatcher" as const,
    ...overrides,
  };
}

describe("discoverIssuer", () => {
  it("reads a real issuer's endpoints", async () => {
    const discovery = await discoverIssuer({ issuer: idp.issuer });
    expect(discovery.issuer).toBe(idp.issuer);
    expect(discovery.token_endpoint).toMatch(/^http:\/\/localhost:\d+\//);
    expect(discovery.jwks_uri).toMatch(/^http:\/\/localhost:\d+\//);
  });

  it("refuses an issuer that names itself differently, and says both names", async () => {
    const otherSpelling = idp.issuer.replace("localhost", "127.0.0.1");
    const error = await rejection(discoverIssuer({ issuer: otherSpelling }));
    expect(error.message).toContain(`names the issuer "${idp.issuer}", not "${otherSpelling}"`);
  });

  it("refuses plain http to anything but localhost, before any request", async () => {
    await expect(discoverIssuer({ issuer: "http://idp.example.com" })).rejects.toThrow(
      /issuer must use https \(plain http is allowed only for localhost\)/,
    );
    await expect(discoverIssuer({ issuer: "ftp://idp.example.com" })).rejects.toThrow(/must be an https URL/);
  });

  it("names a missing endpoint, an http endpoint off localhost, a non-JSON answer, a 404", async () => {
    let document: Record<string, unknown> = {};
    const standIn = await startStandIn((request, response, origin) => {
      if (request.url === "/broken/.well-known/openid-configuration") {
        response.writeHead(200, { "content-type": "text/html" });
        return response.end("<html>sign in</html>");
      }
      if (request.url !== "/.well-known/openid-configuration") return sendJson(response, 404, { error: "nope" });
      sendJson(response, 200, { issuer: origin, ...document });
    });
    try {
      document = { authorization_endpoint: `${standIn.origin}/auth`, token_endpoint: `${standIn.origin}/token` };
      await expect(discoverIssuer({ issuer: standIn.origin })).rejects.toThrow(
        "The discovery document is missing jwks_uri",
      );
      document = {
        authorization_endpoint: `${standIn.origin}/auth`,
        token_endpoint: "http://idp.example.com/token",
        jwks_uri: `${standIn.origin}/jwks`,
      };
      await expect(discoverIssuer({ issuer: standIn.origin })).rejects.toThrow(/token_endpoint must use https/);
      await expect(discoverIssuer({ issuer: `${standIn.origin}/broken` })).rejects.toThrow(/is not JSON/);
      await expect(discoverIssuer({ issuer: `${standIn.origin}/tenant-a` })).rejects.toThrow(
        /answered HTTP 404 instead of 200/,
      );
    } finally {
      await standIn.stop();
    }
  });

  it("gives up on an issuer that never answers, within the timeout, in the same words as a closed port", async () => {
    const silent = await startStandIn(() => {});
    let timedOut: Error;
    try {
      const started = Date.now();
      timedOut = await rejection(discoverIssuer({ issuer: silent.origin, timeoutMs: 300 }));
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.stop();
    }
    const closed = await rejection(discoverIssuer({ issuer: silent.origin, timeoutMs: 300 }));
    const discoveryUrl = `${silent.origin}/.well-known/openid-configuration`;
    expect(timedOut.message).toBe(`The discovery document at ${discoveryUrl} could not be reached within 0.3 s`);
    expect(closed.message).toBe(timedOut.message);
  });

  it("refuses issuers on private or link-local addresses, whatever answers there", async () => {
    for (const issuer of ["https://10.0.0.7", "https://169.254.169.254", "https://[fd00::1]"]) {
      const refused = await rejection(discoverIssuer({ issuer, timeoutMs: 300 }));
      expect(refused.message, issuer).toMatch(/could not be reached within 0.3 s$/);
    }
  });
});

describe("createOidcConnection", () => {
  it("echoes the secret in its result only; every read, the audit trail and the whole database keep it hidden", async () => {
    const created = await createOidcConnection(connectionInput());
    expect(created.clientSecret).toBe(SECRET);
    expect(created).toMatchObject({ status: "draft", tenant: { id: tenant.id }, defaultRole: "dispatcher" });
    expect(created.endpoints.token).toMatch(/^http:\/\/localhost/);

    const fetched = await getOidcConnectionOrThrow({ connectionId: created.id });
    expect(fetched.clientSecret).toBe(`••••${SECRET.slice(-4)}`);
    const listed = await listOidcConnections({ audience: tenant.id });
    expect(listed.data.map((connection) => connection.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(JSON.stringify(fetched)).not.toContain(SECRET);

    const [stored] = await db.select().from(oidcConnections).where(eq(oidcConnections.id, created.id));
    expect(stored?.clientSecretCiphertext).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(stored?.clientSecretCiphertext).not.toContain(SECRET);
    expect(decryptSecret(stored?.clientSecretCiphertext ?? "", parseKeyring(V1))).toBe(SECRET);

    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, created.id));
    expect(audit).toMatchObject({ action: "oidc_connection.created", tenantId: tenant.id, actorId: actor.userId });
    expect(audit?.after).toMatchObject({ name: "Acme Okta", issuer: idp.issuer, status: "draft" });
    // Not in audit_events, not in any table at all (idempotency keys, traces…): only the ciphertext.
    expect(await tablesContaining(SECRET)).toEqual([]);
  });

  it("refuses an issuer whose discovery fails, naming the field and the reason", async () => {
    const error = await rejection(
      createOidcConnection(connectionInput({ issuer: idp.issuer.replace("localhost", "127.0.0.1") })),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toMatch(/^Invalid field "issuer": The discovery document names the issuer/);
    const insecure = await rejection(createOidcConnection(connectionInput({ issuer: "http://login.acme.com" })));
    expect(insecure.message).toBe('Invalid field "issuer": must use https (plain http is allowed only for localhost)');
  });

  it("validates every field and names it", async () => {
    await expect(createOidcConnection(connectionInput({ emailDomains: [] }))).rejects.toThrow(
      /Invalid field "emailDomains": add at least one email domain/,
    );
    await expect(createOidcConnection(connectionInput({ emailDomains: ["not a domain"] }))).rejects.toThrow(
      /"emailDomains.0": must be domains like acme.com/,
    );
    await expect(createOidcConnection(connectionInput({ clientSecret: "short" }))).rejects.toThrow(
      /"clientSecret": must be at least 8 characters/,
    );
    await expect(createOidcConnection(connectionInput({ tenantId: randomUUID() }))).rejects.toThrow(
      /"tenantId": is not a workspace we know/,
    );
  });
});

describe("testing and enabling a connection", () => {
  it("passes every check for a good connection, and only then may it be enabled and found by email domain", async () => {
    const domain = `ok-${randomUUID().slice(0, 8)}.test`;
    const connection = await createOidcConnection(connectionInput({ emailDomains: [domain] }));
    const refused = await rejection(enableOidcConnection({ actor, connectionId: connection.id }));
    expect(refused.message).toMatch(/Run the connection test and get a pass before enabling/);

    const test = await testOidcConnection({ actor, connectionId: connection.id });
    expect(test.result).toBe("pass");
    expect(test.checks.map((check) => [check.name, check.ok])).toEqual([
      ["discovery", true],
      ["jwks", true],
      ["client_credentials", true],
    ]);
    expect(test.checks[1]?.detail).toMatch(/^\d+ signing keys? \(/);
    expect(test.checks[2]?.detail).toMatch(/accepted client "acme-portal"/);
    expect(JSON.stringify(test)).not.toContain(SECRET);

    expect(await findConnectionForEmail({ email: `ann@${domain}`, audience: { kind: "tenant" } })).toBeNull();
    const enabled = await enableOidcConnection({ actor, connectionId: connection.id });
    expect(enabled).toMatchObject({ status: "enabled", changed: true, lastTest: { result: "pass" } });

    const found = await findConnectionForEmail({ email: `Ann@${domain.toUpperCase()}`, audience: { kind: "tenant" } });
    expect(found).toMatchObject({
      id: connection.id,
      tenantId: tenant.id,
      clientId: CLIENT_ID,
      defaultRole: "dispatcher",
    });
    expect(
      await findConnectionForEmail({ email: `ann@${domain}`, audience: { kind: "tenant", tenantId: tenant.id } }),
    ).toMatchObject({ id: connection.id });
    expect(await findConnectionForEmail({ email: `ann@${domain}`, audience: { kind: "staff" } })).toBeNull();
    expect(
      await findConnectionForEmail({ email: `ann@${domain}`, audience: { kind: "tenant", tenantId: randomUUID() } }),
    ).toBeNull();
    expect(await loadOidcClientSecret(connection.id)).toBe(SECRET);

    // A second connection cannot even claim the same domain (draft or not).
    await expect(
      createOidcConnection(connectionInput({ name: "Rival", emailDomains: [domain, "x-other.test"] })),
    ).rejects.toThrow(`${domain} is already claimed by another single sign-on connection`);

    const disabled = await disableOidcConnection({ actor, connectionId: connection.id });
    expect(disabled.status).toBe("disabled");
    expect(await findConnectionForEmail({ email: `ann@${domain}`, audience: { kind: "tenant" } })).toBeNull();
    const history = await listOidcConnectionTests({ connectionId: connection.id });
    expect(history.data).toHaveLength(1);
    expect(history.data[0]).toMatchObject({ result: "pass", testedBy: { id: actor.userId } });
  });

  it("serves staff SSO with a connection that has no tenant", async () => {
    const domain = `staff-${randomUUID().slice(0, 8)}.test`;
    const connection = await createOidcConnection(
      connectionInput({ tenantId: null, name: "Staff Okta", emailDomains: [domain] }),
    );
    expect(connection.tenant).toBeNull();
    expect((await testOidcConnection({ actor, connectionId: connection.id })).result).toBe("pass");
    await enableOidcConnection({ actor, connectionId: connection.id });
    expect(await findConnectionForEmail({ email: `ops@${domain}`, audience: { kind: "staff" } })).toMatchObject({
      id: connection.id,
      tenantId: null,
    });
    expect(await findConnectionForEmail({ email: `ops@${domain}`, audience: { kind: "tenant" } })).toBeNull();
    expect((await listOidcConnections({ audience: "staff" })).data.map((row) => row.id)).toEqual([connection.id]);
    await disableOidcConnection({ actor, connectionId: connection.id });
  });

  it("fails the credentials check for a wrong secret, and enabling stays refused", async () => {
    const connection = await createOidcConnection(connectionInput({ clientSecret: "definitely-the-wrong-secret" }));
    const test = await testOidcConnection({ actor, connectionId: connection.id });
    expect(test.result).toBe("fail");
    expect(test.checks.find((check) => !check.ok)).toMatchObject({
      name: "client_credentials",
      detail: expect.stringMatching(
        /rejected client "acme-portal" \(invalid_client\) — check the client id and secret/,
      ),
    });
    await expect(enableOidcConnection({ actor, connectionId: connection.id })).rejects.toThrow(
      /The last test of this connection failed/,
    );

    // Replacing the secret voids the failed test; the next test passes and enabling works.
    const replaced = await updateOidcConnection({ actor, connectionId: connection.id, clientSecret: SECRET });
    expect(replaced.lastTest).toBeNull();
    expect(replaced.clientSecret).toBe(`••••${SECRET.slice(-4)}`);
    expect((await testOidcConnection({ actor, connectionId: connection.id })).result).toBe("pass");
    expect((await enableOidcConnection({ actor, connectionId: connection.id })).status).toBe("enabled");

    const [update] = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.targetId} = ${connection.id} and ${auditEvents.action} = 'oidc_connection.updated'`);
    expect(update?.metadata).toMatchObject({ changedFields: ["clientSecret"] });
    expect(await tablesContaining(SECRET)).toEqual([]);
    expect(await tablesContaining("definitely-the-wrong-secret")).toEqual([]);
  });

  it("fails the discovery check when the issuer no longer matches, and skips the rest", async () => {
    const connection = await createOidcConnection(connectionInput());
    await db
      .update(oidcConnections)
      .set({ issuer: idp.issuer.replace("localhost", "127.0.0.1") })
      .where(eq(oidcConnections.id, connection.id));
    const test = await testOidcConnection({ actor, connectionId: connection.id });
    expect(test.result).toBe("fail");
    expect(test.checks).toEqual([
      { name: "discovery", ok: false, detail: expect.stringMatching(/names the issuer .* they must match exactly/) },
      { name: "jwks", ok: false, detail: "Not run: the discovery check failed" },
      { name: "client_credentials", ok: false, detail: "Not run: the discovery check failed" },
    ]);
  });

  it("fails the JWKS check when the key set is unreachable or has no signing key", async () => {
    let jwks: { status: number; body: unknown } = { status: 404, body: { error: "gone" } };
    const standIn = await startStandIn((request, response, origin) => {
      if (request.url === "/.well-known/openid-configuration") {
        return sendJson(response, 200, {
          issuer: origin,
          authorization_endpoint: `${origin}/auth`,
          token_endpoint: `${origin}/token`,
          jwks_uri: `${origin}/jwks`,
        });
      }
      if (request.url === "/jwks") return sendJson(response, jwks.status, jwks.body);
      sendJson(response, 400, { error: "invalid_grant" });
    });
    try {
      const connection = await createOidcConnection(connectionInput({ issuer: standIn.origin }));
      const unreachable = await testOidcConnection({ actor, connectionId: connection.id });
      expect(unreachable.checks.map((check) => [check.name, check.ok])).toEqual([
        ["discovery", true],
        ["jwks", false],
        ["client_credentials", false],
      ]);
      expect(unreachable.checks[1]?.detail).toMatch(/The JWKS at .*\/jwks answered HTTP 404 instead of 200/);

      jwks = { status: 200, body: { keys: [{ kty: "RSA", use: "enc", n: "x", e: "AQAB" }] } };
      const unusable = await testOidcConnection({ actor, connectionId: connection.id });
      expect(unusable.checks[1]).toMatchObject({
        ok: false,
        detail: expect.stringMatching(/has 1 key\(s\) but none usable/),
      });
      const history = await listOidcConnectionTests({ connectionId: connection.id });
      expect(history.data.map((entry) => entry.result)).toEqual(["fail", "fail"]);
    } finally {
      await standIn.stop();
    }
  });

  it("lists identity providers by issuer with the tenants using them and failed SSO sign-ins", async () => {
    const [enabled] = (await listOidcConnections({ audience: tenant.id, status: "enabled" })).data;
    await db.insert(ssoLoginTraces).values({
      connectionId: enabled?.id,
      email: "ann@acme.test",
      stage: "callback",
      error: "The ID token's nonce did not match",
      requestId: "req-trace-1",
    });
    const providers = await listIdentityProviders();
    const local = providers.data.find((provider) => provider.issuer === idp.issuer);
    expect(local).toMatchObject({ status: "enabled", usedByStaff: true, tenants: [{ id: tenant.id }] });
    expect(local?.lastTest?.result).toBe("pass");
    expect(local?.recentFailures).toEqual([expect.objectContaining({ stage: "callback", email: "ann@acme.test" })]);
    expect(providers.failedLogins[0]).toMatchObject({
      error: "The ID token's nonce did not match",
      connection: { id: enabled?.id },
      tenant: { id: tenant.id },
    });
    expect(JSON.stringify(providers)).not.toContain(SECRET);
  });
});

describe("rotateEncryptionKeys", () => {
  it("re-encrypts every secret under the newest key; they decrypt to the same values and tests still pass", async () => {
    const connection = await createOidcConnection(connectionInput());
    const credentials = JSON.stringify({ refreshToken: "qb-refresh-token-value" });
    const encrypted = encryptSecret(credentials, parseKeyring(V1));
    await db.insert(tenantIntegrations).values({
      tenantId: tenant.id,
      kind: "quickbooks",
      status: "connected",
      credentialsCiphertext: encrypted.ciphertext,
      credentialsKeyId: encrypted.keyId,
    });
    const both = parseKeyring(`${V1},${V2}`);

    const report = await rotateEncryptionKeys({ keyring: both, batchSize: 2 });
    expect(report.keyId).toBe("v2");
    expect(report.oidcConnections.reencrypted).toBeGreaterThanOrEqual(5);
    expect(report.oidcConnections.alreadyCurrent).toBe(0);
    expect(report.tenantIntegrations).toEqual({ reencrypted: 1, alreadyCurrent: 0 });

    const rows = await db.select().from(oidcConnections);
    for (const row of rows) {
      expect(row.clientSecretCiphertext.startsWith("v2:")).toBe(true);
      expect(row.clientSecretKeyId).toBe("v2");
    }
    expect(await loadOidcClientSecret(connection.id, db, parseKeyring(V2))).toBe(SECRET);
    const [integration] = await db.select().from(tenantIntegrations).where(eq(tenantIntegrations.tenantId, tenant.id));
    expect(integration?.credentialsKeyId).toBe("v2");
    expect(decryptSecret(integration?.credentialsCiphertext ?? "", parseKeyring(V2))).toBe(credentials);

    // Idempotent: nothing left to do.
    expect(await rotateEncryptionKeys({ keyring: both })).toMatchObject({
      oidcConnections: { reencrypted: 0 },
      tenantIntegrations: { reencrypted: 0, alreadyCurrent: 1 },
    });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "encryption_keys.rotated"));
    expect(audit?.actorLabel).toBe("keys:rotate");

    // With the old key removed from the environment, the connection still authenticates.
    process.env.ENCRYPTION_KEYS = V2;
    resetEnv();
    expect((await testOidcConnection({ actor, connectionId: connection.id })).result).toBe("pass");
  });
});
