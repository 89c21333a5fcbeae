import { generateApiKeyToken } from "@pp/core/api-keys/api-key-token";
import { createConnection } from "@pp/db";
import { categoriesOf, seedTestTenant } from "@pp/db/factories";
import { apiKeys, apiUsage, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { tenantUrl, databaseUrl, owner } = inject("e2e");

describe("the public tenant API", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  // A tenant of its own: the leads this test creates must not change what other browser tests count.
  let tenantId = "";
  beforeAll(async () => {
    browser = await openBrowser();
    ({ tenantId } = await seedTestTenant(connection.db, { name: "Public API Plumbing", slug: "public-api-plumbing" }));
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("answers a seeded key, and each call appears in api_usage under the tenant and the route template", async () => {
    const { token, prefix, hash } = generateApiKeyToken();
    const [key] = await connection.db
      .insert(apiKeys)
      .values({ tenantId, name: "e2e website", prefix, hash, scopes: ["leads:read", "leads:write"] })
      .returning();
    const [tenant] = await connection.db.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!key || !tenant) throw new Error("seed failed");
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

    const created = await fetch(`${tenantUrl}/api/v1/leads`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        category: categoriesOf(tenant.trade)[0]?.code,
        contact: { name: "Casey Web", email: `casey-${Date.now()}@example.com` },
        serviceAddress: { zip: "78701" },
      }),
    });
    expect(created.status).toBe(201);
    const lead = await created.json();
    const listed = await fetch(`${tenantUrl}/api/v1/leads?limit=5`, { headers });
    expect(listed.status).toBe(200);
    const one = await fetch(`${tenantUrl}/api/v1/leads/${lead.id}`, { headers });
    expect((await one.json()).id).toBe(lead.id);
    const document = await fetch(`${tenantUrl}/api/v1/openapi.json`);
    expect((await document.json()).openapi).toBe("3.1.0");

    // The buffer writes within about a second; poll a little longer on a busy machine.
    let rows: (typeof apiUsage.$inferSelect)[] = [];
    for (let attempt = 0; attempt < 40 && rows.length < 3; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      rows = await connection.db
        .select()
        .from(apiUsage)
        .where(and(eq(apiUsage.apiKeyId, key.id), eq(apiUsage.tenantId, tenantId)));
    }
    expect(rows.map((row) => `${row.method} ${row.route} ${row.status}`).sort()).toEqual([
      "GET /api/v1/leads 200",
      "GET /api/v1/leads/[id] 200",
      "POST /api/v1/leads 201",
    ]);
    for (const row of rows) {
      expect(row.app).toBe("tenant");
      expect(row.bytes).toBeGreaterThan(0);
    }
  });

  it("shows the API reference to the tenant's members", async () => {
    const { page } = browser;
    await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}`));
    await page.goto(`${tenantUrl}/t/${owner.slug}/settings/api-keys`);
    await page.getByRole("link", { name: "API reference" }).click();
    await page.getByRole("heading", { name: "API reference" }).waitFor();
    await page.locator("#createLead").getByText("Idempotency-Key").first().waitFor();
    await expect(page.locator("#listLeads").textContent()).resolves.toContain("curl -X GET");
    await screenshot(page, "tenant-api-reference");
  });
});
