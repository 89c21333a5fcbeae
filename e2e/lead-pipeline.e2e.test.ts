import { createConnection } from "@pp/db";
import { seedTestTenant } from "@pp/db/factories";
import { leads } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { tenantUrl, databaseUrl } = inject("e2e");

describe("a contractor works their leads", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  // A tenant of its own: moving leads here must not change what other browser tests count.
  let seeded: Awaited<ReturnType<typeof seedTestTenant>>;
  beforeAll(async () => {
    browser = await openBrowser();
    seeded = await seedTestTenant(connection.db, { name: "Pipeline Plumbing", slug: "pipeline-plumbing" });
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("moves a lead from the list, marks it won with the job's value, and sees both on the dashboard", async () => {
    const { page } = browser;
    await signIn(
      page,
      tenantUrl,
      { email: seeded.ownerEmail, password: seeded.ownerPassword },
      /\/t\/pipeline-plumbing$/,
    );

    // The list's quick action moves the newest new lead one stage on.
    await page.goto(`${tenantUrl}/t/pipeline-plumbing/leads?status=new`);
    const row = page.locator("table tbody tr").first();
    const leadId = ((await row.getByRole("link").first().getAttribute("href")) ?? "").split("/").at(-1) ?? "";
    const quick = row.getByRole("button", { name: /^Move to / });
    const nextStage = ((await quick.getAttribute("aria-label")) ?? "").replace("Move to ", "");
    await quick.click();
    await page.getByText(`Moved to ${nextStage}`).waitFor();
    await expect
      .poll(async () => (await connection.db.select().from(leads).where(eq(leads.id, leadId)))[0]?.status)
      .toBe("contacted");

    // On its page: the pipeline shows where it stands; Mark won asks what the job is worth.
    await page.goto(`${tenantUrl}/t/pipeline-plumbing/leads/${leadId}`);
    await expect
      .poll(() => page.getByRole("list", { name: "Pipeline" }).locator('[aria-current="step"]').textContent())
      .toBe(nextStage);
    await page.getByRole("button", { name: "Mark won" }).click();
    const dialog = page.getByRole("dialog", { name: "Mark this lead won" });
    await dialog.getByLabel("Job value (USD)").fill("abc");
    await dialog.getByRole("button", { name: "Mark won" }).click();
    await dialog.getByText("must be a whole number of cents").waitFor();
    await dialog.getByLabel("Job value (USD)").fill("1,250");
    await dialog.getByRole("button", { name: "Mark won" }).click();
    await page.getByText("Won — a $1,250.00 job").waitFor();
    await screenshot(page, "tenant-lead-won");
    const [won] = await connection.db.select().from(leads).where(eq(leads.id, leadId));
    expect(won).toMatchObject({ tenantId: seeded.tenantId, status: "won", wonValueCents: 125_000 });

    // The dashboard's pipeline counts it beside the seed's own win (a $0-value won lead from before values were kept).
    const wonLeads = await connection.db
      .select()
      .from(leads)
      .where(and(eq(leads.tenantId, seeded.tenantId), eq(leads.status, "won")));
    const wonValue = wonLeads.reduce((sum, lead) => sum + (lead.wonValueCents ?? 0), 0);
    expect(wonValue).toBe(125_000);
    await page.goto(`${tenantUrl}/t/pipeline-plumbing`);
    await page.getByText(`Won ${wonLeads.length} jobs worth $1,250.00`).waitFor();
    await screenshot(page, "tenant-dashboard-pipeline");
  });
});
