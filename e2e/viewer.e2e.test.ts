import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, viewer } = inject("e2e");

describe("a viewer in the Provider Portal", () => {
  let browser: BrowserSession;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it("reads every page it may open but sees no write buttons, and a forged write gets 403", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, viewer, /\/provider$/);
    await page.getByText("Viewer").first().waitFor();

    await page.goto(`${portalUrl}/provider/security/staff`);
    await page.locator("table").first().waitFor();
    expect(await page.getByRole("button", { name: /invite/i }).count()).toBe(0);
    expect(await page.getByRole("button", { name: /deactivate/i }).count()).toBe(0);
    expect(await page.locator("table select").count()).toBe(0);
    await screenshot(page, "portal-viewer-staff");

    // The same request an admin's browser would send, with the viewer's session cookie.
    const forged = await page.request.post(`${portalUrl}/api/provider/staff/invitations`, {
      headers: { origin: portalUrl, "content-type": "application/json" },
      data: { email: "sneaky@provider.test", name: "Sneaky", role: "admin" },
    });
    expect(forged.status()).toBe(403);
    const body = (await forged.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("forbidden");
    expect(body.error.message).toContain("viewer");
  });
});
