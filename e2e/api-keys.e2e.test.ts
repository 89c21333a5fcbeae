import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { pickClient } from "./harness/client-picker";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, staff, owner } = inject("e2e");
const KEY_PATTERN = /^pp_live_[a-z0-9]{8}_[A-Za-z0-9]{32}$/;

function callMe(key: string) {
  return fetch(`${tenantUrl}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } });
}

describe("API keys: Integrations Hub → public API → revoke", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("staff mint a key for the test tenant, see it once, use it, revoke it, and the next call is refused", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page
      .getByRole("link", { name: /Integrations Hub/ })
      .first()
      .click();
    await page.waitForURL(/\/provider\/integrations$/);
    await page.getByRole("heading", { name: "Integrations Hub" }).waitFor();
    await expect(page.getByRole("link", { name: "Keys" }).getAttribute("aria-current")).resolves.toBe("page");

    // The tenant picker searches as you type: by slug here, so only the test tenant matches.
    await pickClient(page, page.locator("#key-tenantId"), owner.slug, "Test Plumbing Co");
    await page.locator("#key-name").fill("E2E integration");
    await page.getByRole("checkbox", { name: /usage:read/ }).check();
    await page.getByRole("button", { name: "Create key" }).click();

    const keyBox = page.getByLabel("Your new API key");
    await keyBox.waitFor();
    const key = await keyBox.inputValue();
    expect(key).toMatch(KEY_PATTERN);
    await page.getByText("you will not see this key again").waitFor();
    await screenshot(page, "api-keys-created-once");

    const response = await callMe(key);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      tenant: { id: string; slug: string };
      key: { prefix: string; scopes: string[] };
    };
    expect(body.tenant).toMatchObject({ id: owner.tenantId, slug: owner.slug });
    expect(body.key).toEqual({ prefix: key.slice(0, 16), scopes: ["leads:read", "usage:read"] });

    // Once dismissed (or reloaded) the key is gone from the page for good; only its prefix remains.
    await page.getByRole("button", { name: "I have saved it" }).click();
    await page.reload();
    const row = page.getByRole("row", { name: /E2E integration/ });
    await row.waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await row.textContent()).toContain(key.slice(0, 16));
    expect(await row.textContent()).toContain("Active");
    await screenshot(page, "api-keys-list");

    await row.getByRole("button", { name: "Revoke E2E integration" }).click();
    await row.getByRole("button", { name: "Confirm revoke" }).click();
    await page.getByText("was revoked").first().waitFor();
    await page.getByRole("row", { name: /E2E integration.*Revoked/ }).waitFor();
    await screenshot(page, "api-keys-revoked");

    const refused = await callMe(key);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain("Bearer");
    const error = (await refused.json()) as { error: { message: string } };
    expect(error.error.message).toBe("Invalid or revoked API key");
  });

  it("lets the tenant owner find the key from Settings, mint one of their own and use it", async () => {
    const session = await openBrowser();
    try {
      const { page } = session;
      await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}`));
      await page.goto(`${tenantUrl}/t/${owner.slug}/settings`);
      await page.getByRole("link", { name: "API keys" }).click();
      await page.waitForURL(/\/settings\/api-keys$/);
      // The key staff created (and revoked) for this workspace is listed, without its secret.
      await page.getByRole("row", { name: /E2E integration.*Revoked/ }).waitFor();

      await page.locator("#key-name").fill("Website form");
      await page.getByRole("button", { name: "Create key" }).click();
      const keyBox = page.getByLabel("Your new API key");
      await keyBox.waitFor();
      const key = await keyBox.inputValue();
      expect(key).toMatch(KEY_PATTERN);
      await screenshot(page, "api-keys-tenant-settings");

      const response = await callMe(key);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { tenant: { id: string } }).tenant.id).toBe(owner.tenantId);
    } finally {
      await session.close();
    }
  });

  it("refuses a call without a key with a Bearer challenge", async () => {
    const response = await fetch(`${tenantUrl}/api/v1/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });
});
