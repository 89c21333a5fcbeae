import { createConnection } from "@pp/db";
import { createDispute, seedTestTenant } from "@pp/db/factories";
import { invoiceLines, invoices, leads } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner } = inject("e2e");

describe("Action Center", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  // A second runbook test tenant of our own: other browser tests decide the shared one's dispute.
  let seeded: Awaited<ReturnType<typeof seedTestTenant>>;
  beforeAll(async () => {
    browser = await openBrowser();
    seeded = await seedTestTenant(connection.db, { name: "Action Center Plumbing", slug: "action-center-plumbing" });
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  async function invoiceNumber(id: string) {
    const [row] = await connection.db.select({ number: invoices.number }).from(invoices).where(eq(invoices.id, id));
    if (!row) throw new Error("seeded invoice missing");
    return row.number;
  }

  it("shows the test tenant's overdue invoice and pending dispute, sends a reminder and snoozes from the row", async () => {
    const { page } = browser;
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.getByRole("link", { name: "Action Center" }).first().click();
    await page.waitForURL(/\/provider\/action-center/);
    await page.getByRole("heading", { name: "Action Center" }).waitFor();
    await page.getByRole("navigation", { name: "Queues" }).waitFor();
    await screenshot(page, "portal-action-center");

    // The runbook's test tenant: its overdue invoice is in the queue.
    const sharedNumber = await invoiceNumber(
      (await connection.db.select({ id: invoices.id }).from(invoices).where(eq(invoices.tenantId, owner.tenantId)))[0]
        ?.id ?? "",
    );
    await page.goto(`${portalUrl}/provider/action-center?bucket=invoicesOverdue&tenantId=${owner.tenantId}`);
    await page.locator("tbody tr", { hasText: `Invoice ${sharedNumber} is overdue` }).waitFor();

    // Our seeded tenant: the pending dispute…
    await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending&tenantId=${seeded.tenantId}`);
    const dispute = page.locator("tbody tr", { hasText: "Outside our service area" });
    await dispute.waitFor();
    await expect(dispute.getByRole("button", { name: "Approve Dispute" }).isVisible()).resolves.toBe(true);
    await screenshot(page, "portal-action-center-disputes");

    // …and the overdue invoice: Send Reminder from the row.
    const number = await invoiceNumber(seeded.invoiceId);
    await page.goto(`${portalUrl}/provider/action-center?bucket=invoicesOverdue&tenantId=${seeded.tenantId}`);
    const row = page.locator("tbody tr", { hasText: `Invoice ${number} is overdue` });
    await row.waitFor();
    await row.getByRole("button", { name: "Send Reminder" }).click();
    await page.getByText("Reminder sent to billing@action-center-plumbing.test").waitFor();
    // Reminded today: the row no longer offers it.
    await row.getByRole("button", { name: "Send Reminder" }).waitFor({ state: "detached" });
    await screenshot(page, "portal-action-center-reminded");

    // The dialog by keyboard: it opens named after the item, Tab cycles inside it (past its last
    // control back to its Close button), Esc closes it and focus is back on the row's Snooze button.
    const snooze = row.getByRole("button", { name: "Snooze" });
    await snooze.focus();
    await page.keyboard.press("Enter");
    const keyboardDialog = page.getByRole("dialog", { name: `Snooze “Invoice ${number} is overdue”` });
    await keyboardDialog.waitFor();
    const focusStops: string[] = [];
    for (let press = 0; press < 20; press++) {
      await page.keyboard.press("Tab");
      focusStops.push(
        await page.evaluate(() => {
          const active = document.activeElement;
          const inside = active?.closest("[role=dialog]") !== null && active !== document.body;
          return inside
            ? (active?.getAttribute("aria-label") ?? active?.textContent ?? active?.tagName ?? "")
            : "OUTSIDE";
        }),
      );
    }
    expect(focusStops, focusStops.join(" → ")).not.toContain("OUTSIDE");
    expect(focusStops.filter((stop) => stop === "Close").length, focusStops.join(" → ")).toBeGreaterThanOrEqual(2);
    expect(focusStops).toContain("Snooze");
    await page.keyboard.press("Escape");
    await keyboardDialog.waitFor({ state: "detached" });
    expect(await snooze.evaluate((button) => button === document.activeElement)).toBe(true);

    // Snooze with a reason: the item disappears from the queue and from the API.
    await row.getByRole("button", { name: "Snooze" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("Client promised payment on Friday");
    await screenshot(page, "portal-action-center-snooze-dialog");
    await dialog.getByRole("button", { name: "Snooze" }).click();
    await page.getByText(/Snoozed until \d{4}-\d{2}-\d{2}/).waitFor();
    await row.waitFor({ state: "detached" });
    await page.getByText("Nothing matches these filters").waitFor();
    await screenshot(page, "portal-action-center-snoozed");
    const response = await page.request.get(`${portalUrl}/api/provider/action-center?tenantId=${seeded.tenantId}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { buckets: Record<string, { count: number }> };
    expect(body.buckets.invoicesOverdue?.count).toBe(0);
    expect(body.buckets.disputesPending?.count).toBe(1);

    // Bulk: select every failed payment and snooze them together.
    await page.goto(`${portalUrl}/provider/action-center?bucket=paymentsFailed&tenantId=${seeded.tenantId}`);
    await page.getByLabel("Select all rows").check();
    await page
      .getByRole("toolbar", { name: "Bulk actions" })
      .getByRole("button", { name: /Snooze \(1\)/ })
      .click();
    await page.getByRole("dialog").getByLabel("Reason").fill("Card being replaced this week");
    await page.getByRole("dialog").getByRole("button", { name: "Snooze" }).click();
    await page.getByText("Nothing matches these filters").waitFor();
  });

  it("approving a dispute in the Action Center credits the client's invoice, as the tenant app shows", async () => {
    // A browser of its own: this test does not depend on the one above having signed in.
    const portal = await openBrowser();
    const { page } = portal;
    // The seeded tenant's first lead is on its open invoice; the client disputes it as the wrong job.
    const [invoiced] = await connection.db
      .select({ id: leads.id, invoiceLineId: leads.invoiceLineId })
      .from(leads)
      .where(and(eq(leads.tenantId, seeded.tenantId), eq(leads.externalId, "seed-lead-1")));
    if (!invoiced?.invoiceLineId) throw new Error("the seeded invoiced lead is missing");
    const [line] = await connection.db.select().from(invoiceLines).where(eq(invoiceLines.id, invoiced.invoiceLineId));
    if (!line) throw new Error("the seeded invoice line is missing");
    await createDispute(connection.db, { leadId: invoiced.id, reasonCode: "wrong_job_type" });

    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending&tenantId=${seeded.tenantId}`);
    const row = page.locator("tbody tr", { hasText: "Wrong job type" });
    await row.waitFor();
    await row.getByRole("button", { name: "Approve Dispute" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/This credits up to \$\d+\.\d\d to the client/).waitFor();
    await dialog.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved").first().waitFor();
    await row.waitFor({ state: "detached" });
    await screenshot(page, "portal-action-center-approved");

    const client = await openBrowser();
    try {
      const login = { email: seeded.ownerEmail, password: seeded.ownerPassword };
      await signIn(client.page, tenantUrl, login, new RegExp(`/t/${seeded.slug}$`));
      await client.page.goto(`${tenantUrl}/t/${seeded.slug}/billing`);
      const card = client.page.locator("section", { hasText: "Credit: disputed" }).last();
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain(`−$${(line.amountCents / 100).toFixed(2)}`);
      await screenshot(client.page, "tenant-billing-credit-from-action-center");
    } finally {
      await client.close();
      await portal.close();
    }
  });
});
