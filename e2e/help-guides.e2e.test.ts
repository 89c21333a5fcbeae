import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";

const { portalUrl, tenantUrl } = inject("e2e");

// #18 item 10: the checklist's training resources open real guides, not example-domain links.
describe("training guides", () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("both apps serve each guide the checklist links to, and 404 for one they do not have", async () => {
    for (const base of [tenantUrl, portalUrl]) {
      for (const [guide, title] of [
        ["leads", "Working your leads"],
        ["disputes", "Disputing a bad lead"],
        ["team", "Dispatching your team"],
      ]) {
        const response = await fetch(`${base}/help/${guide}`);
        expect(response.status, `${base}/help/${guide}`).toBe(200);
        expect(await response.text()).toContain(title);
      }
      expect((await fetch(`${base}/help/no-such-guide`)).status).toBe(404);
    }
  });

  it("a contractor reads a guide as a page with its sections", async () => {
    const { page } = browser;
    await page.goto(`${tenantUrl}/help/disputes`);
    await page.getByRole("heading", { level: 1, name: "Disputing a bad lead" }).waitFor();
    await expect(page.getByRole("heading", { level: 2, name: "What an approval does" }).isVisible()).resolves.toBe(
      true,
    );
    expect(await page.content()).not.toContain(".example/");
    await screenshot(page, "help-guide-disputes");
  });
});
