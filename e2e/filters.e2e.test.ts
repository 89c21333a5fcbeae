import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { createStaffUser, createTenant } from "@pp/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { pickClient } from "./harness/client-picker";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner, otherTenant } = inject("e2e");
const RUN = randomUUID().slice(0, 6);

// Filters that understand people (client pickers, category names, audit actions, task owners, Cmd-K)
// and the small trust breakers (role confirm, OIDC callback URI, key expiry, favicons, seed copy).
describe("filters and small trust breakers", () => {
  let browser: BrowserSession;
  const roleChanger = { name: `Robin Role ${RUN}`, email: `robin-${RUN}@provider.test` };

  beforeAll(async () => {
    const connection = createConnection(databaseUrl, 1);
    try {
      // Two clients with one name, and more "Picker" clients than the palette shows.
      await createTenant(connection.db, { name: `Twin Plumbing ${RUN}`, slug: `twin-north-${RUN}` });
      await createTenant(connection.db, { name: `Twin Plumbing ${RUN}`, slug: `twin-south-${RUN}` });
      for (let index = 0; index < 11; index++) {
        await createTenant(connection.db, { name: `Picker ${RUN} Heating ${index}`, slug: `picker-${RUN}-${index}` });
      }
      await createStaffUser(connection.db, {
        email: roleChanger.email,
        name: roleChanger.name,
        role: "viewer",
        password: randomUUID(),
      });
    } finally {
      await connection.pool.end();
    }
    browser = await openBrowser();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portalUrl });
    await signIn(browser.page, portalUrl, staff, /\/provider$/);
  }, 60_000);
  afterAll(async () => {
    await browser.close();
  });

  it("API Usage: the tenant filter is a picker that searches as you type; the page carries no client list", async () => {
    const { page } = browser;
    const response = await page.goto(`${portalUrl}/provider/api-usage`);
    const html = (await response?.text()) ?? "";
    // No <option> per client any more: the filter bar asks the server as the user types.
    expect(html).not.toMatch(new RegExp(`<option[^>]*>Picker ${RUN}`));
    expect(html).not.toContain('<select id="filter-tenantId"');
    const picker = page.getByRole("combobox", { name: "Tenant", exact: true });
    await picker.click();
    await picker.fill(`Twin Plumbing ${RUN}`);
    const options = page.getByRole("listbox", { name: "Clients" }).getByRole("option");
    // Two clients share the name: each option shows its slug.
    await options.filter({ hasText: `twin-south-${RUN}` }).waitFor();
    await expect(options.filter({ hasText: `twin-north-${RUN}` }).count()).resolves.toBe(1);
    await screenshot(page, "client-picker-duplicates");
    await page.keyboard.press("Escape");

    await pickClient(page, picker, "Rival", "Rival Electric");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(new RegExp(`tenantId=${otherTenant.tenantId}`));
    // The page opens on the client the URL names.
    await expect(page.getByRole("combobox", { name: "Tenant", exact: true }).inputValue()).resolves.toBe(
      "Rival Electric",
    );
    await screenshot(page, "api-usage-client-picker");
  });

  it("the picker and Cmd-K say when more clients match than they show", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/billing`);
    const picker = page.getByRole("combobox", { name: "Client", exact: true });
    await picker.click();
    await picker.fill(`Picker ${RUN}`);
    await page.getByText("Showing 10 of 11 — keep typing").waitFor();
    await page.getByRole("button", { name: "Show more" }).click();
    // "All clients" and all eleven matches.
    const options = page.getByRole("listbox", { name: "Clients" }).getByRole("option");
    await options.nth(11).waitFor();
    await expect(options.count()).resolves.toBe(12);
    await page.keyboard.press("Escape");

    await page.keyboard.press("Control+k");
    await page.getByPlaceholder(/Find a tenant/).fill(`Picker ${RUN}`);
    await page.getByText("Showing 8 of 11 tenants — keep typing").waitFor();
    await screenshot(page, "command-palette-more-match");
    await page.keyboard.press("Escape");
  });

  it("Leads: the category filter lists categories by name and filters by them", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/leads`);
    const category = page.getByLabel("Category", { exact: true });
    const labels = await category.locator("option").allTextContents();
    expect(labels).toContain("Water heater");
    expect(labels.some((label) => label.includes("_"))).toBe(false);
    await category.selectOption({ label: "Water heater" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/category=water_heater/);
    await expect(page.getByLabel("Category", { exact: true }).inputValue()).resolves.toBe("water_heater");
  });

  it("role changes confirm old → new before applying, the select is not clipped, and the audit Action filter finds it by part of a word", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/security/staff?search=${encodeURIComponent(roleChanger.email)}`);
    const select = page.getByRole("combobox", { name: `Role of ${roleChanger.name}` });
    // The widest role name fits inside the select at this column width.
    const fits = await select.evaluate((element) => {
      const control = element as HTMLSelectElement;
      const style = getComputedStyle(control);
      const context = document.createElement("canvas").getContext("2d");
      if (!context) return false;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const widest = Math.max(...[...control.options].map((option) => context.measureText(option.text).width));
      return (
        widest + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight) <= control.clientWidth
      );
    });
    expect(fits).toBe(true);

    await select.selectOption("operations");
    const dialog = page.getByRole("dialog");
    await expect(dialog.getByRole("heading").textContent()).resolves.toBe(
      `Change ${roleChanger.name}'s role from Viewer to Operations?`,
    );
    await screenshot(page, "staff-role-confirm-old-new");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect(select.inputValue()).resolves.toBe("viewer");

    await select.selectOption("operations");
    await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
    await page.getByText(`${roleChanger.name}'s role is now Operations`).waitFor();

    // "role chang" is part of staff.role_changed: typed with a space, as people do.
    await page.goto(`${portalUrl}/provider/security/audit`);
    await page.getByLabel("Action").fill("role chang");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/action=role/);
    const first = page.locator("table tbody tr").first();
    await expect(first.textContent()).resolves.toContain("staff.role_changed");
  });

  it("a viewer is never offered as a task owner", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/clients/${owner.tenantId}/tasks`);
    const ownerSelect = page.getByRole("form", { name: "Create task" }).first().getByLabel("Owner");
    await ownerSelect.waitFor();
    const names = await ownerSelect.locator("option").allTextContents();
    expect(names).toContain("E2E Admin");
    expect(names).not.toContain("E2E Viewer");
  });

  it("the OIDC form shows the callback URI to register at the identity provider, with a copy button", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/integrations/oidc`);
    const callback = page.getByLabel("Redirect (callback) URI to register at the identity provider");
    await expect(callback.inputValue()).resolves.toBe(`${tenantUrl}/api/sso/callback`);
    await pickClient(page, page.locator("#oidc-tenantId"), "Staff", "Staff (portal SSO)");
    await expect(callback.inputValue()).resolves.toBe(`${portalUrl}/api/sso/callback`);
    await page.getByRole("button", { name: "Copy URI" }).click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(`${portalUrl}/api/sso/callback`);
    await screenshot(page, "oidc-callback-uri");
  });

  it("an API key's expiry reads the same calendar day in both apps: the day that was picked", async () => {
    const { page } = browser;
    const keyName = `Expiry check ${RUN}`;
    const nextYear = new Date().getUTCFullYear() + 1;
    await page.goto(`${portalUrl}/provider/integrations`);
    await pickClient(page, page.locator("#key-tenantId"), owner.slug, "Test Plumbing Co");
    await page.locator("#key-name").fill(keyName);
    await page.locator("#key-expiresAt").fill(`${nextYear}-03-01`);
    await page.getByRole("checkbox", { name: /leads:read/ }).check();
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByLabel("Your new API key").waitFor();
    await page.goto(`${portalUrl}/provider/integrations?tenantId=${owner.tenantId}`);
    const portalRow = page.locator("tbody tr", { hasText: keyName });
    await expect(portalRow.textContent()).resolves.toContain(`Mar 1, ${nextYear}`);

    const tenantBrowser = await openBrowser();
    try {
      await signIn(tenantBrowser.page, tenantUrl, owner, new RegExp(`/t/${owner.slug}`));
      await tenantBrowser.page.goto(`${tenantUrl}/t/${owner.slug}/settings/api-keys`);
      const tenantRow = tenantBrowser.page.locator("tbody tr", { hasText: keyName });
      await expect(tenantRow.textContent()).resolves.toContain(`Mar 1, ${nextYear}`);
      await expect(tenantRow.textContent()).resolves.not.toContain(`Mar 2, ${nextYear}`);
      await expect(tenantRow.textContent()).resolves.not.toContain(`Feb 28, ${nextYear}`);

      // The contractor's leads read like homeowners wrote them, never like a seed script.
      const leads = await tenantBrowser.page.goto(`${tenantUrl}/t/${owner.slug}/leads`);
      const html = (await leads?.text()) ?? "";
      expect(html).not.toContain("Sample lead");
      expect(html).not.toContain("test tenant seed");
    } finally {
      await tenantBrowser.close();
    }
  });

  it("both apps serve a favicon", async () => {
    for (const base of [portalUrl, tenantUrl]) {
      const ico = await fetch(`${base}/favicon.ico`);
      expect(ico.status, base).toBe(200);
      expect(ico.headers.get("content-type"), base).toContain("image/");
      const signInPage = await (await fetch(`${base}/sign-in`)).text();
      const href = /<link rel="icon" href="([^"]+)"/.exec(signInPage)?.[1];
      expect(href, base).toBeTruthy();
      expect((await fetch(new URL(href ?? "", base))).status, `${base} ${href}`).toBe(200);
    }
  });
});
