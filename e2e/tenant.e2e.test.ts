import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { countTenantLeads } from "./harness/lead-count";
import { signIn } from "./harness/sign-in";

const { tenantUrl, owner, otherTenant, databaseUrl } = inject("e2e");

describe("Tenant App", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("lands the owner in their workspace and shows the leads", async () => {
    const { page } = browser;
    await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    await screenshot(page, "tenant-dashboard");
    await page.getByRole("link", { name: "Leads" }).first().click();
    await page.waitForURL(new RegExp(`/t/${owner.slug}/leads`));
    await page.locator("table tbody tr").first().waitFor();
    expect(await page.locator("table tbody tr").count()).toBe(await countTenantLeads(databaseUrl, owner.tenantId));
    await screenshot(page, "tenant-leads");
  });

  it("answers another tenant's slug with the same 404 as a missing one", async () => {
    const { page } = browser;
    const other = await page.goto(`${tenantUrl}/t/${otherTenant.slug}`);
    expect(other?.status()).toBe(404);
    const otherText = await page.locator("main").textContent();
    const missing = await page.goto(`${tenantUrl}/t/no-such-tenant-here`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator("main").textContent()).toBe(otherText);
  });
});
