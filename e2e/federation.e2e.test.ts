import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type LocalIdp, startLocalIdp } from "../tooling/oidc/local-idp";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { pickClient } from "./harness/client-picker";
import { signIn } from "./harness/sign-in";

const { portalUrl, staff, owner } = inject("e2e");
const CLIENT_SECRET = `e2e-oidc-secret-${randomUUID()}`;
const DOMAIN = `sso-${randomUUID().slice(0, 6)}.test`;

async function addConnection(
  page: Page,
  fields: { name: string; issuer: string; clientId: string; clientSecret: string; domains: string },
) {
  await page.goto(`${portalUrl}/provider/integrations/oidc`);
  // Typed by slug, so only the test tenant matches; the option reads its name.
  await pickClient(page, page.locator("#oidc-tenantId"), owner.slug, "Test Plumbing Co");
  await page.locator("#oidc-name").fill(fields.name);
  await page.locator("#oidc-issuer").fill(fields.issuer);
  await page.locator("#oidc-clientId").fill(fields.clientId);
  await page.locator("#oidc-clientSecret").fill(fields.clientSecret);
  await page.locator("#oidc-emailDomains").fill(fields.domains);
  await page.locator("#oidc-defaultRole").selectOption("dispatcher");
  await page.getByRole("button", { name: "Add connection" }).click();
  await page.getByRole("region", { name: "Connection added" }).waitFor();
}

describe("Integrations Hub: OIDC connection → Test → enable → Providers", () => {
  let browser: BrowserSession;
  let idp: LocalIdp;
  beforeAll(async () => {
    idp = await startLocalIdp({
      clients: [{ clientId: "e2e-portal", clientSecret: CLIENT_SECRET, redirectUris: [`${portalUrl}/sso/callback`] }],
    });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
  });

  it("staff add a connection for the test tenant (secret shown once), test it, enable it and see it on Providers", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/integrations`);
    await page.getByRole("link", { name: "OIDC", exact: true }).click();
    await page.waitForURL(/\/provider\/integrations\/oidc$/);
    await expect(page.getByRole("link", { name: "OIDC", exact: true }).getAttribute("aria-current")).resolves.toBe(
      "page",
    );

    await addConnection(page, {
      name: "Test Tenant IdP",
      issuer: idp.issuer,
      clientId: "e2e-portal",
      clientSecret: CLIENT_SECRET,
      domains: DOMAIN,
    });
    await expect(page.getByLabel("Client secret as saved").inputValue()).resolves.toBe(CLIENT_SECRET);
    await page.getByText("This is the only time its client secret is shown").waitFor();
    await page.getByRole("row", { name: /Test Tenant IdP/ }).waitFor();
    await screenshot(page, "federation-oidc-created-once");

    // Never again: after a reload the list shows only the last characters.
    await page.reload();
    const row = page.getByRole("row", { name: /Test Tenant IdP/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(CLIENT_SECRET);
    expect(await row.textContent()).toContain(`••••${CLIENT_SECRET.slice(-4)}`);
    expect(await row.textContent()).toContain("Draft");
    await expect(row.getByRole("button", { name: "Enable Test Tenant IdP" }).isDisabled()).resolves.toBe(true);
    await screenshot(page, "federation-oidc-list-draft");

    // Test tab: pick the connection, run the test, every check passes.
    await page.getByRole("link", { name: "Test", exact: true }).click();
    await page.waitForURL(/\/provider\/integrations\/test/);
    await page.locator("#test-connectionId").selectOption({ label: `Test Tenant IdP — ${await tenantName(page)}` });
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await page.waitForURL(/connectionId=/);
    await page.getByRole("button", { name: "Run test" }).click();
    const result = page.getByRole("region", { name: "Test result" });
    await result.getByText("All checks passed").waitFor();
    for (const check of ["discovery", "jwks", "client_credentials"]) {
      await expect(result.locator(`[data-check="${check}"]`).getAttribute("data-ok")).resolves.toBe("true");
    }
    await page
      .getByRole("row", { name: /Passed/ })
      .first()
      .waitFor();
    await screenshot(page, "federation-test-passed");

    // Enable on the OIDC tab, now that the last test passed.
    await page.getByRole("link", { name: "OIDC", exact: true }).click();
    await page.waitForURL(/\/provider\/integrations\/oidc/);
    const tested = page.getByRole("row", { name: /Test Tenant IdP/ });
    await tested.getByRole("button", { name: "Enable Test Tenant IdP" }).click();
    await page.getByText("is enabled — its users can sign in with SSO").waitFor();
    await page.getByRole("row", { name: /Test Tenant IdP.*Enabled/ }).waitFor();
    await screenshot(page, "federation-oidc-enabled");

    await page.getByRole("link", { name: "Providers", exact: true }).click();
    await page.waitForURL(/\/provider\/integrations\/providers/);
    const provider = page.getByRole("row", { name: new RegExp(idp.issuer.replace(/[.:/]/g, "\\$&")) });
    await provider.waitFor();
    expect(await provider.textContent()).toContain("Enabled");
    expect(await provider.textContent()).toContain(await tenantName(page));
    expect(await provider.textContent()).toContain("Passed");
    expect(await page.content()).not.toContain(CLIENT_SECRET);
    await screenshot(page, "federation-providers");
  });

  it("a connection with the wrong secret fails its test with the credentials check named, and cannot be enabled", async () => {
    const { page } = browser;
    await addConnection(page, {
      name: "Misconfigured IdP",
      issuer: idp.issuer,
      clientId: "e2e-portal",
      clientSecret: "not-the-secret-the-idp-issued",
      domains: `wrong-${DOMAIN}`,
    });
    await page.getByRole("link", { name: "Test this connection" }).click();
    await page.waitForURL(/\/provider\/integrations\/test\?connectionId=/);
    await page.getByRole("button", { name: "Run test" }).click();
    const result = page.getByRole("region", { name: "Test result" });
    await result.getByText("Failed", { exact: true }).waitFor();
    const failed = result.locator('[data-check="client_credentials"]');
    await expect(failed.getAttribute("data-ok")).resolves.toBe("false");
    expect(await failed.textContent()).toContain("Token endpoint accepts the client credentials");
    expect(await failed.textContent()).toContain('rejected client "e2e-portal" (invalid_client)');
    await expect(result.locator('[data-check="discovery"]').getAttribute("data-ok")).resolves.toBe("true");
    await page.getByRole("row", { name: /Failed.*Token endpoint accepts the client credentials/ }).waitFor();
    await screenshot(page, "federation-test-failed");

    await page.goto(`${portalUrl}/provider/integrations/oidc`);
    const row = page.getByRole("row", { name: /Misconfigured IdP/ });
    await expect(row.getByRole("button", { name: "Enable Misconfigured IdP" }).isDisabled()).resolves.toBe(true);
    expect(await row.textContent()).toContain("Failed");
  });
});

async function tenantName(page: Page): Promise<string> {
  const response = await page.request.get(`${portalUrl}/api/federation/oidc?audience=${owner.tenantId}`);
  const body = (await response.json()) as { data: { tenant: { name: string } | null }[] };
  const name = body.data[0]?.tenant?.name;
  if (!name) throw new Error("no connection for the test tenant yet");
  return name;
}
