import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { createOidcConnection, createStaffUser, findUserByEmail } from "@pp/db/factories";
import { memberships, oidcConnectionDomains, oidcConnections, ssoLoginTraces } from "@pp/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "../tooling/oidc/local-idp";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner, dnsControlUrl } = inject("e2e");

// A fixed port: the IdP's clients list the e2e apps' callbacks before the apps ever talk to it.
const IDP_PORT = 3187;
const TENANT_CLIENT = { clientId: "e2e-tenant-sso", clientSecret: `tenant-sso-${randomUUID()}` };
const PORTAL_CLIENT = { clientId: "e2e-portal-sso", clientSecret: `portal-sso-${randomUUID()}` };
const TENANT_DOMAIN = "sso-plumbing.test";
// Not provider.test: the seeded staff sign in with passwords there, and nothing here may touch them.
const STAFF_DOMAIN = "provider-sso.test";
const BROKEN_DOMAIN = "broken-idp.test";

type Connection = { id: string };

const db = createConnection(databaseUrl, 1);

/** Adds a connection through the Integrations Hub API as the signed-in admin, tests it and enables it. */
async function addEnabledConnection(
  page: Page,
  fields: { tenantId: string | null; name: string; clientId: string; clientSecret: string; domain: string },
  issuer: string,
): Promise<Connection> {
  const headers = { origin: portalUrl };
  const created = await page.request.post(`${portalUrl}/api/federation/oidc`, {
    headers,
    data: {
      tenantId: fields.tenantId,
      name: fields.name,
      issuer,
      clientId: fields.clientId,
      clientSecret: fields.clientSecret,
      emailDomains: [fields.domain],
      defaultRole: "dispatcher",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const connection = (await created.json()) as Connection;
  if (fields.tenantId) await proveDomain(page, connection.id, fields.domain);
  const tested = await page.request.post(`${portalUrl}/api/federation/oidc/test`, {
    headers,
    data: { connectionId: connection.id },
  });
  expect(tested.status(), await tested.text()).toBe(200);
  const enabled = await page.request.post(`${portalUrl}/api/federation/oidc/${connection.id}/enable`, { headers });
  expect(enabled.status(), await enabled.text()).toBe(200);
  return connection;
}

/**
 * The tenant proves it owns the domain, as in production: publish the TXT record the hub shows (in
 * the test DNS zone the portal resolves against), then "Check DNS" through the hub's API.
 */
async function proveDomain(page: Page, connectionId: string, domain: string) {
  const [claim] = await db.db
    .select({ token: oidcConnectionDomains.verificationToken })
    .from(oidcConnectionDomains)
    .where(eq(oidcConnectionDomains.domain, domain));
  const published = await fetch(`${dnsControlUrl}/txt/${encodeURIComponent(`_pp-sso.${domain}`)}`, {
    method: "PUT",
    body: JSON.stringify([`pp-sso-verification=${claim?.token}`]),
  });
  expect(published.status).toBe(204);
  const verified = await page.request.post(`${portalUrl}/api/federation/oidc/${connectionId}/domains/verify`, {
    headers: { origin: portalUrl },
    data: { domain },
  });
  expect(verified.status(), await verified.text()).toBe(200);
  expect(((await verified.json()) as { verified: boolean }).verified).toBe(true);
}

/** On the app's sign-in page: "Sign in with SSO" → work email → Continue. */
async function startSso(page: Page, appUrl: string, email: string) {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByRole("link", { name: "Sign in with SSO" }).click();
  await page.waitForURL(/\/sign-in\?sso=1$/);
  await page.getByLabel("Work email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Continue" }).click();
}

/** The local IdP's own screens: any password on its sign-in page, then "Continue" on its consent page. */
async function signInAtIdp(page: Page, name: string) {
  await page.waitForURL(new RegExp(`^http://localhost:${IDP_PORT}/interaction/`));
  await page.locator('input[name="password"]').fill("any-password-will-do");
  await screenshot(page, `${name}-idp-sign-in`);
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

describe("single sign-on through a real identity provider", () => {
  const created: string[] = [];
  let idp: LocalIdp;
  let admin: BrowserSession;

  beforeAll(async () => {
    idp = await startLocalIdp({
      port: IDP_PORT,
      clients: [
        { ...TENANT_CLIENT, redirectUris: [`${tenantUrl}/api/sso/callback`] },
        { ...PORTAL_CLIENT, redirectUris: [`${portalUrl}/api/sso/callback`] },
      ],
    });
    admin = await openBrowser();
    // The staff admin's password sign-in, then the hub's API sets up both connections as in production.
    await signIn(admin.page, portalUrl, staff, /\/provider$/);
    const tenantConnection = await addEnabledConnection(
      admin.page,
      { tenantId: owner.tenantId, name: "SSO Plumbing IdP", ...TENANT_CLIENT, domain: TENANT_DOMAIN },
      idp.issuer,
    );
    const staffConnection = await addEnabledConnection(
      admin.page,
      { tenantId: null, name: "Provider staff IdP", ...PORTAL_CLIENT, domain: STAFF_DOMAIN },
      idp.issuer,
    );
    created.push(tenantConnection.id, staffConnection.id);
    await admin.page.goto(`${portalUrl}/provider/integrations/oidc`);
    await admin.page.getByText(TENANT_DOMAIN).first().waitFor();
    await screenshot(admin.page, "sso-connections-domains");
  });

  afterAll(async () => {
    // Later browser tests share this database: leave no SSO switched on behind them.
    if (created.length > 0) {
      await db.db.update(oidcConnections).set({ status: "disabled" }).where(inArray(oidcConnections.id, created));
    }
    await admin?.close();
    await idp?.stop();
    await db.pool.end();
  });

  it("a tenant user signs in with SSO and lands on the dashboard as a new member with the default role", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const email = `new.dispatcher@${TENANT_DOMAIN}`;
      await page.goto(`${tenantUrl}/sign-in`);
      await screenshot(page, "sso-tenant-sign-in");
      await startSso(page, tenantUrl, email);
      await signInAtIdp(page, "sso-tenant");
      await page.waitForURL(`${tenantUrl}/t/${owner.slug}`, { timeout: 20_000 });
      await screenshot(page, "sso-tenant-dashboard");

      const user = await findUserByEmail(db.db, email);
      const [membership] = await db.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.tenantId, owner.tenantId), eq(memberships.userId, user?.id ?? "")));
      expect(membership?.role).toBe("dispatcher");
    } finally {
      await browser.close();
    }
  });

  it("a staff member signs in to the portal with SSO and lands on /provider", async () => {
    const email = `sso.ops@${STAFF_DOMAIN}`;
    await createStaffUser(db.db, { email, role: "operations", name: "Sso Ops" });
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await startSso(page, portalUrl, email);
      await signInAtIdp(page, "sso-staff");
      await page.waitForURL(`${portalUrl}/provider`, { timeout: 20_000 });
      await screenshot(page, "sso-staff-provider");
    } finally {
      await browser.close();
    }
  });

  it("an email domain without SSO shows a clear message on the sign-in page and leaves a trace", async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await startSso(page, tenantUrl, "someone@no-sso-here.test");
      await page.waitForURL(/\/sign-in\?sso=1&sso_error=no_connection$/);
      await page.getByRole("alert").getByText("Single sign-on is not set up for that email address").waitFor();
      // The password form is still there.
      await page.getByLabel("Password").waitFor();
      await screenshot(page, "sso-error-no-connection");
      const traces = await db.db
        .select()
        .from(ssoLoginTraces)
        .where(eq(ssoLoginTraces.email, "someone@no-sso-here.test"));
      expect(traces).toEqual([expect.objectContaining({ stage: "home_realm", connectionId: null })]);
    } finally {
      await browser.close();
    }
  });

  it("cancelling at the IdP (access_denied) brings the user back with a message and a trace", async () => {
    const email = `quitter@${STAFF_DOMAIN}`;
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await startSso(page, portalUrl, email);
      await page.waitForURL(new RegExp(`^http://localhost:${IDP_PORT}/interaction/`));
      await page.getByRole("link", { name: "[ Cancel ]" }).click();
      await page.waitForURL(/\/sign-in\?sso=1&sso_error=denied$/);
      await page.getByRole("alert").getByText("Sign-in was cancelled at your identity provider").waitFor();
      await screenshot(page, "sso-error-denied");
      const traces = await db.db.select().from(ssoLoginTraces).where(eq(ssoLoginTraces.email, email));
      expect(traces).toEqual([expect.objectContaining({ stage: "authorization", connectionId: created[1] })]);
      expect(traces[0]?.error).toContain("access_denied");
    } finally {
      await browser.close();
    }
  });

  it("an admin whose IdP is down still signs in with a password", async () => {
    const login = { email: `locked.out@${BROKEN_DOMAIN}`, password: `admin-${randomUUID()}` };
    await createStaffUser(db.db, { ...login, role: "admin", name: "Broken IdP Admin" });
    // The same stored secret as a working connection, but an issuer nothing answers on.
    const [working] = await db.db
      .select()
      .from(oidcConnections)
      .where(eq(oidcConnections.id, created[1] ?? ""));
    if (!working) throw new Error("the staff connection is missing");
    const broken = await createOidcConnection(db.db, {
      name: "Unreachable staff IdP",
      issuer: "http://localhost:9",
      clientId: PORTAL_CLIENT.clientId,
      clientSecret: { ciphertext: working.clientSecretCiphertext, keyId: working.clientSecretKeyId },
      emailDomains: [BROKEN_DOMAIN],
    });
    created.push(broken.id);

    const browser = await openBrowser();
    try {
      const { page } = browser;
      await startSso(page, portalUrl, login.email);
      await page.waitForURL(/\/sign-in\?sso=1&sso_error=idp_unreachable$/);
      await page.getByRole("alert").getByText("Your identity provider could not be reached").waitFor();
      await screenshot(page, "sso-error-idp-unreachable");

      await signIn(page, portalUrl, login, /\/provider$/);
      await screenshot(page, "sso-broken-idp-password-sign-in");
    } finally {
      await browser.close();
    }
  });
});
