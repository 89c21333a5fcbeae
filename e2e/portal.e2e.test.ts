import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, staff } = inject("e2e");

describe("Provider Portal", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("sends a signed-out visitor to sign-in", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/clients`);
    await page.waitForURL(/\/sign-in$/);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
  });

  it("rejects a wrong password with a message that does not reveal the account", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/sign-in`);
    await page.getByLabel("Email").fill(staff.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const formError = page.locator("form [role=alert]");
    await formError.waitFor();
    expect(await formError.textContent()).toContain("Invalid email or password");
    await page.getByLabel("Email").fill("nobody@nowhere.test");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor({ state: "visible" });
    expect(await formError.textContent()).toContain("Invalid email or password");
    await screenshot(page, "portal-sign-in-error");
  });

  it("refuses repeated failures with a retry time", async () => {
    const response = async () =>
      fetch(`${portalUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: portalUrl, "x-forwarded-for": "203.0.113.9" },
        body: JSON.stringify({ email: "locked@provider.test", password: "wrong-password-1" }),
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await response()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const refused = await response();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/try again in \d+ s/);
  });

  it("signs staff in and walks dashboard → clients → the test tenant's Client 360", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    // The dashboard streams in behind its loading state: wait for the KPI, do not just look once.
    await page.getByText("Active tenants").first().waitFor();
    await screenshot(page, "portal-dashboard");

    await page.getByRole("link", { name: "Clients" }).first().click();
    await page.waitForURL(/\/provider\/clients/);
    const tenantLink = page.getByRole("link", { name: "Test Plumbing Co" });
    await tenantLink.first().waitFor();
    await screenshot(page, "portal-clients");

    await tenantLink.first().click();
    await page.waitForURL(/\/provider\/clients\/[0-9a-f-]{36}/);
    await page.getByRole("heading", { name: "Test Plumbing Co" }).waitFor();
    await screenshot(page, "portal-client-360");
  });
});
