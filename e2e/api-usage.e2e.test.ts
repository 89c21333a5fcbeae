import { createConnection } from "@pp/db";
import { type ApiUsageInput, createApiUsageRollups, recordApiUsage } from "@pp/db/factories";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { pickClient } from "./harness/client-picker";
import { signIn } from "./harness/sign-in";

const { portalUrl, databaseUrl, staff, owner, otherTenant } = inject("e2e");
const HOUR_MS = 60 * 60 * 1000;
const RIVAL_ROUTE = "/api/t/[slug]/settings/profile";

/** `n` requests inside one minute, one per second. */
function burst(tenantId: string, minute: Date, n: number, input: ApiUsageInput): ApiUsageInput[] {
  return Array.from({ length: n }, (_, index) => ({
    tenantId,
    app: "tenant" as const,
    method: "GET",
    status: 200,
    bytes: 1_500,
    durationMs: 30,
    ...input,
    at: new Date(minute.getTime() + index * 1000),
  }));
}

describe("API usage dashboard", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  let tenantName = "";
  let rivalName = "";

  beforeAll(async () => {
    browser = await openBrowser();
    const named = async (id: string) =>
      (await connection.db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, id)))[0]?.name ?? "";
    tenantName = await named(owner.tenantId);
    rivalName = await named(otherTenant.tenantId);

    // Ten days ago (before the seeded week of sample rows) the test tenant sent 40 requests in one
    // minute; the rival 25 spread over the hour, on a route only it calls.
    const hour = new Date(Math.floor((Date.now() - 10 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS);
    const busyMinute = new Date(hour.getTime() + 10 * 60_000);
    await recordApiUsage(connection.db, [
      ...burst(owner.tenantId, busyMinute, 40, { route: "/api/v1/leads" }),
      ...Array.from({ length: 25 }, (_, index) => ({
        tenantId: otherTenant.tenantId,
        route: RIVAL_ROUTE,
        durationMs: 80,
        at: new Date(hour.getTime() + index * 120_000),
      })),
      // The hour in progress: read live from raw rows.
      ...burst(owner.tenantId, new Date(Date.now() - 60_000), 3, {
        route: "/api/v1/leads",
        status: 429,
        durationMs: 2,
      }),
    ]);
    // What the rollup job writes for that whole hour.
    await createApiUsageRollups(connection.db, [
      {
        tenantId: owner.tenantId,
        hour,
        route: "/api/v1/leads",
        requests: 40,
        bytes: 60_000,
        durationMsSum: 1_200,
        latencyBuckets: [0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0],
        peakMinuteRequests: 40,
      },
      {
        tenantId: otherTenant.tenantId,
        hour,
        route: RIVAL_ROUTE,
        requests: 25,
        bytes: 51_200,
        durationMsSum: 2_000,
        latencyBuckets: [0, 0, 0, 0, 25, 0, 0, 0, 0, 0, 0],
        peakMinuteRequests: 1,
      },
    ]);
  });

  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("shows usage per tenant, filters by tenant, edits a limit with a preview, and exports CSV", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.getByRole("link", { name: "API Usage" }).first().click();
    await page.waitForURL(/\/provider\/api-usage$/);
    await page.getByRole("heading", { name: "API Usage" }).waitFor();

    const tenantTable = page
      .locator("section", { has: page.getByRole("heading", { name: "Tenants" }) })
      .locator("table");
    const tenantRow = tenantTable.locator("tbody tr", { hasText: tenantName });
    await tenantRow.waitFor();
    await expect(tenantTable.locator("tbody tr", { hasText: rivalName }).count()).resolves.toBe(1);
    // 40 requests in its busiest minute against the Basic plan's 60.
    await expect(tenantRow.textContent()).resolves.toContain("67%");
    await expect(tenantRow.getByTestId("rate-limit").textContent()).resolves.toContain("60/min");
    const endpoints = page.locator("section", { has: page.getByRole("heading", { name: "Endpoints" }) });
    await expect(endpoints.textContent()).resolves.toContain(RIVAL_ROUTE);
    await screenshot(page, "portal-api-usage");

    // Filter by tenant: the rival disappears everywhere.
    // The tenant picker asks the server as you type; the page does not carry every tenant's name.
    await pickClient(page, page.getByLabel("Tenant", { exact: true }), tenantName.slice(0, 8), tenantName);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(new RegExp(`tenantId=${owner.tenantId}`));
    // The filtered page streams in: wait for the rival to go and the tenant's row to come back.
    await tenantTable.locator("tbody tr", { hasText: rivalName }).waitFor({ state: "detached" });
    await tenantRow.waitFor();
    await expect(tenantTable.locator("tbody tr").count()).resolves.toBe(1);
    await expect(tenantTable.textContent()).resolves.toContain(tenantName);
    await expect(endpoints.textContent()).resolves.not.toContain(RIVAL_ROUTE);
    await screenshot(page, "portal-api-usage-tenant");

    // Edit limit: 10/min would have refused 30 of that minute's 40 requests.
    await tenantRow.getByRole("button", { name: `Edit limit for ${tenantName}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("New limit (requests per minute)").fill("10");
    const preview = dialog.getByTestId("rate-limit-preview");
    await preview.getByText("would have been refused").waitFor();
    await expect(preview.textContent()).resolves.toMatch(/At 10\/min, 30 of the last 30 days' \d+ API requests/);
    await dialog.getByLabel("Reason").fill("Integration floods the API at the top of the hour");
    await screenshot(page, "portal-api-usage-edit-limit");
    await dialog.getByRole("button", { name: "Save limit" }).click();
    await page.getByText(/requests\/min — every instance enforces it within 30 s/).waitFor();
    await tenantRow.getByTestId("rate-limit").getByText("10/min").waitFor();
    await expect(tenantRow.textContent()).resolves.toContain("override");
    await expect(tenantRow.textContent()).resolves.toContain("400%");

    // The export streams the filtered raw rows.
    const exportHref = await page.getByRole("link", { name: "Export CSV" }).getAttribute("href");
    expect(exportHref).toContain(`tenantId=${owner.tenantId}`);
    const csv = await page.request.get(`${portalUrl}${exportHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="api-usage-\d{8}\.csv"$/);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")
      .filter(Boolean);
    expect(lines[0]).toBe("at,tenant_id,tenant_name,app,route,method,status,duration_ms,bytes,actor,api_key_id,id");
    const leads = lines.filter((line) => line.includes(`${owner.tenantId},${tenantName},tenant,/api/v1/leads,GET`));
    expect(leads.length).toBeGreaterThanOrEqual(43);
    expect(lines.some((line) => line.includes(otherTenant.tenantId))).toBe(false);

    // Client 360 › Usage: the same views for one tenant, whatever the URL asks for.
    await page.goto(`${portalUrl}/provider/clients/${owner.tenantId}/usage?tenantId=${otherTenant.tenantId}`);
    await page.getByRole("heading", { name: "Rate limit" }).waitFor();
    const scoped = page
      .locator("section", { has: page.getByRole("heading", { name: "Rate limit" }) })
      .locator("tbody tr");
    await expect(scoped.count()).resolves.toBe(1);
    await expect(scoped.textContent()).resolves.toContain(tenantName);
    await expect(page.locator("main").textContent()).resolves.not.toContain(RIVAL_ROUTE);
    await screenshot(page, "portal-client-usage");
  });
});
