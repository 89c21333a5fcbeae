import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { countTenantLeads } from "./harness/lead-count";
import { signIn } from "./harness/sign-in";

const { tenantUrl, owner, databaseUrl } = inject("e2e");

/** True when nothing on the page is wider than the phone's screen (no sideways scrolling). */
const fitsTheScreen = () => document.documentElement.scrollWidth <= window.innerWidth;

describe("the Tenant App on a phone (390 × 844)", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await browser.close();
  });

  it("folds the navigation into a menu, and the dashboard fits the screen", async () => {
    const { page } = browser;
    await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    const nav = page.getByRole("navigation", { name: "Main" });
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Menu" }).click();
    await nav.getByRole("link", { name: "Billing" }).waitFor();
    expect(await page.evaluate(fitsTheScreen)).toBe(true);
    await screenshot(page, "phone-dashboard-menu");
    await page.getByRole("button", { name: "Menu" }).click();
    expect(await nav.isVisible()).toBe(false);
  });

  it("shows leads as cards with the filters folded away, and a lead's page fits", async () => {
    const { page } = browser;
    await page.goto(`${tenantUrl}/t/${owner.slug}/leads`);
    const cards = page.getByRole("list", { name: "Leads" }).getByRole("listitem");
    await cards.first().waitFor();
    expect(await cards.count()).toBe(await countTenantLeads(databaseUrl, owner.tenantId));
    expect(await page.locator("table").isVisible()).toBe(false);
    expect(await page.getByLabel("Search").isVisible()).toBe(false);
    await page.getByRole("button", { name: /^Filters/ }).click();
    expect(await page.getByLabel("Search").isVisible()).toBe(true);
    expect(await page.evaluate(fitsTheScreen)).toBe(true);
    await screenshot(page, "phone-leads");

    await cards.first().getByRole("link").first().click();
    await page.getByRole("list", { name: "Pipeline" }).waitFor();
    expect(await page.evaluate(fitsTheScreen)).toBe(true);
    await screenshot(page, "phone-lead");
  });

  it("fits the billing page", async () => {
    const { page } = browser;
    await page.goto(`${tenantUrl}/t/${owner.slug}/billing`);
    await page.getByRole("heading", { name: "Billing" }).first().waitFor();
    expect(await page.evaluate(fitsTheScreen)).toBe(true);
    await screenshot(page, "phone-billing");
  });
});
