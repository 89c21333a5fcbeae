import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { createTenant } from "@pp/db/factories";
import { organizations, tenants } from "@pp/db/schema";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, databaseUrl, staff } = inject("e2e");
const RUN = randomUUID().slice(0, 6);
const COUNT = 30;
const nameOf = (index: number) => `Paging ${RUN} HVAC ${String(index).padStart(2, "0")}`;

// Lists at scale page on keyset cursors, and client pickers search the server as the user types.
// Thirty HVAC tenants that signed up long before anyone else, so they open the HVAC onboarding list.
describe("paging and client search", () => {
  let browser: BrowserSession;
  const created: { id: string; orgId: string }[] = [];

  beforeAll(async () => {
    const connection = createConnection(databaseUrl, 1);
    try {
      for (let index = 1; index <= COUNT; index++) {
        const tenant = await createTenant(connection.db, {
          name: nameOf(index),
          trade: "hvac",
          createdAt: new Date(Date.UTC(2001, 0, 1, 0, index)),
        });
        created.push({ id: tenant.id, orgId: tenant.orgId });
      }
    } finally {
      await connection.pool.end();
    }
    browser = await openBrowser();
    await signIn(browser.page, portalUrl, staff, /\/provider$/);
  }, 60_000);

  afterAll(async () => {
    await browser.close();
    // Other files count clients and expect their lists on one page: leave the database as it was.
    const connection = createConnection(databaseUrl, 1);
    try {
      await connection.db.delete(tenants).where(
        inArray(
          tenants.id,
          created.map((tenant) => tenant.id),
        ),
      );
      await connection.db.delete(organizations).where(
        inArray(
          organizations.id,
          created.map((tenant) => tenant.orgId),
        ),
      );
    } finally {
      await connection.pool.end();
    }
  });

  it("Tenant Onboarding: 25 tenants a page; Next page continues where the first stopped and keeps the filter", async () => {
    const { page } = browser;
    await page.goto(`${portalUrl}/provider/tenant-onboarding?trade=hvac`);
    const table = page.getByRole("table", { name: "Tenants in onboarding" });
    const names = () => table.locator("tbody tr td:first-child span.font-medium").allTextContents();
    await table.waitFor();
    const first = await names();
    expect(first).toEqual(Array.from({ length: 25 }, (_, index) => nameOf(index + 1)));
    await screenshot(page, "tenant-onboarding-page-1");

    await page.getByRole("link", { name: "Next page" }).click();
    await page.waitForURL(/cursor=/);
    expect(new URL(page.url()).searchParams.get("trade")).toBe("hvac");
    await expect(page.getByLabel("Trade", { exact: true }).inputValue()).resolves.toBe("hvac");
    const second = await names();
    // The rest of the thirty, in sign-up order, then any later HVAC tenant; nothing from page one again.
    expect(second.slice(0, 5)).toEqual(Array.from({ length: 5 }, (_, index) => nameOf(index + 26)));
    expect(second.filter((name) => first.includes(name))).toEqual([]);
    await expect(page.getByRole("link", { name: "First page" }).count()).resolves.toBe(1);
    await screenshot(page, "tenant-onboarding-page-2");

    await page.getByRole("link", { name: "First page" }).click();
    await page.waitForURL((url) => !url.searchParams.has("cursor") && url.searchParams.get("trade") === "hvac");
    expect((await names())[0]).toBe(nameOf(1));

    // A cursor that no longer reads (an old bookmark, a hand-edited URL): the first page and a note.
    await page.goto(`${portalUrl}/provider/tenant-onboarding?trade=hvac&cursor=bm90LWEtY3Vyc29y`);
    await page
      .getByText(/first page/i)
      .first()
      .waitFor();
    expect((await names())[0]).toBe(nameOf(1));
  });

  it("Leads: the client filter searches the server as you type and picks with the keyboard", async () => {
    const { page } = browser;
    const response = await page.goto(`${portalUrl}/provider/leads`);
    // The page carries none of the thirty names: the picker asks for them.
    expect((await response?.text()) ?? "").not.toContain(`Paging ${RUN}`);
    const picker = page.getByRole("combobox", { name: "Client", exact: true });
    await picker.click();
    // Typed in lower case: the search ignores case. Ten of the thirty at a time, saying how many match.
    await picker.fill(`paging ${RUN}`);
    const options = page.getByRole("listbox", { name: "Clients" }).getByRole("option");
    await options.filter({ hasText: nameOf(1) }).waitFor();
    await page.getByText("Showing 10 of 30 — keep typing").waitFor();
    await picker.fill(`paging ${RUN} hvac 27`);
    await options.filter({ hasText: nameOf(27) }).waitFor();
    await expect(options.count()).resolves.toBe(2);
    await screenshot(page, "leads-client-search");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(picker.inputValue()).resolves.toBe(nameOf(27));
    await page.getByRole("button", { name: "Apply filters" }).click();
    const tenant27 = created[26]?.id ?? "";
    await page.waitForURL(new RegExp(`tenantId=${tenant27}`));
    await expect(page.getByRole("combobox", { name: "Client", exact: true }).inputValue()).resolves.toBe(nameOf(27));
    await page.getByText("No leads match these filters").waitFor();
    await screenshot(page, "leads-client-filtered");
  });
});
