import { createConnection } from "@pp/db";
import { createDispute } from "@pp/db/factories";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { chargedLeadOnOpenInvoice } from "./harness/charged-lead";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner } = inject("e2e");

describe("lead disputes flowing into the tenant's bill", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("staff approve disputes on /provider/leads and the owner sees the credit on the invoice", async () => {
    const { page } = browser;
    // A $35.00 lead charged on an open (overdue) invoice (the seeded invoice's leads are all included
    // in the plan, charged $0); the client disputes it too.
    const { lead: invoiced, line } = await chargedLeadOnOpenInvoice(connection.db, {
      tenantId: owner.tenantId,
      category: "drain_cleaning",
    });
    await createDispute(connection.db, { leadId: invoiced.id, evidenceNote: "Same homeowner called twice." });

    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/leads?tab=disputes`);
    const queue = page.locator("table tbody tr");
    await queue.nth(1).waitFor();
    // Oldest first: the seeded dispute (raised yesterday) heads the queue.
    await expect(queue.first().textContent()).resolves.toContain("Outside our service area");
    await screenshot(page, "portal-disputes-queue");

    await queue.first().getByRole("link", { name: "Review" }).click();
    await page.getByRole("button", { name: "Approve Dispute" }).waitFor();
    await page.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved — Removed from the next invoice").waitFor();

    // The invoiced lead: approving it puts a credit line on its open invoice.
    await page.goto(`${portalUrl}/provider/leads/${invoiced.id}`);
    await page.getByLabel("Decision note").fill("Confirmed duplicate call");
    await page.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved — $35.00 credited").waitFor();
    await page.getByText("Credit line").waitFor();
    await screenshot(page, "portal-dispute-approved");

    // Deciding again is refused, in words.
    const again = await page.request.post(`${portalUrl}/api/provider/leads/${invoiced.id}/dispute`, {
      data: { decision: "approve" },
      headers: { origin: portalUrl },
    });
    expect(again.status()).toBe(409);
    await expect(again.json()).resolves.toMatchObject({
      error: { message: expect.stringContaining("already decided") },
    });

    // Send Reminder on that invoice: once a day.
    await page.goto(`${portalUrl}/provider/billing/invoices/${line.invoiceId}`);
    await page.getByText("Credit: disputed").waitFor();
    await page.getByRole("button", { name: "Send Reminder" }).click();
    await page.getByText(/Reminder sent to billing@/).waitFor();
    await page.getByRole("button", { name: "Send Reminder" }).click();
    await page.getByText(/A reminder was already sent today at \d\d:\d\d UTC/).waitFor();
    await screenshot(page, "portal-invoice-detail");

    // The owner sees the credit on the invoice in the tenant app.
    const tenant = await openBrowser();
    try {
      await signIn(tenant.page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
      await tenant.page.getByRole("link", { name: "Billing", exact: true }).click();
      await tenant.page.waitForURL(new RegExp(`/t/${owner.slug}/billing$`));
      const card = tenant.page.locator("section", { hasText: "Credit: disputed" }).last();
      await card.waitFor();
      await expect(card.textContent()).resolves.toContain("−$35.00");
      await expect(card.textContent()).resolves.toContain("Credits");
      await screenshot(tenant.page, "tenant-billing-credit");
      await card.getByRole("link", { name: "View / print" }).click();
      await tenant.page.getByRole("button", { name: "Print" }).waitFor();
      await screenshot(tenant.page, "tenant-invoice-print");
    } finally {
      await tenant.close();
    }
  });
});
