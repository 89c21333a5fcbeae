import { createConnection } from "@pp/db";
import { createDispute, createInvoice, createLead, seedTestTenant } from "@pp/db/factories";
import { invoices, payments, refunds, tenantCredits, webhookEvents } from "@pp/db/schema";
import { resetEnv } from "@pp/env";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// Issue 17: an owner saves a card on the stand-in's Checkout page; the overdue invoice is charged by
// the next Payment Retries run (declined once — the Action Center says why — then paid), and the
// Action Center item disappears. Then a lead charged on a card-paid invoice is disputed, and staff
// approve it in the Action Center with "Refund to the card"; another from the lead's own page.

const { portalUrl, tenantUrl, databaseUrl, staff, stripe } = inject("e2e");

describe("card payments through Stripe (local stand-in)", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  let seeded: Awaited<ReturnType<typeof seedTestTenant>>;

  beforeAll(async () => {
    // Payment Retries run here, in the test, with the apps' Stripe settings and database.
    process.env.DATABASE_URL = databaseUrl;
    process.env.STRIPE_SECRET_KEY = stripe.secretKey;
    process.env.STRIPE_WEBHOOK_SECRET = stripe.webhookSecret;
    process.env.STRIPE_API_BASE = stripe.apiBase;
    resetEnv();
    browser = await openBrowser();
    // A runbook test tenant of our own (an invoice 11 days overdue, one failed attempt): others use the shared one.
    seeded = await seedTestTenant(connection.db, { name: "Card Payments Plumbing", slug: "card-payments-plumbing" });
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
    const { closeDb } = await import("@pp/db");
    await closeDb();
  });

  async function retryNow() {
    const { runPaymentRetries } = await import("@pp/core/billing/run-payment-retries");
    const { cardCharger } = await import("@pp/core/payments/charge-invoice-by-card");
    return runPaymentRetries({ tenantId: seeded.tenantId, chargeInvoice: cardCharger() }, connection.db);
  }

  it("saves a card, is declined once, then paid on the next retry; the Action Center item goes away", async () => {
    const { page } = browser;
    const slug = seeded.slug;
    await signIn(
      page,
      tenantUrl,
      { email: seeded.ownerEmail, password: seeded.ownerPassword },
      new RegExp(`/t/${slug}`),
    );
    await page.goto(`${tenantUrl}/t/${slug}/billing`);
    await page.getByText("No card yet.").waitFor();
    await page.getByRole("button", { name: "Add a card" }).click();

    // The stand-in's hosted Checkout: a card that is declined the first time it is charged.
    await page.waitForURL(/\/checkout\/cs_test_/);
    await page.getByLabel("Card number").selectOption("4000000000000341");
    await page.getByRole("button", { name: "Save card" }).click();
    await page.waitForURL(new RegExp(`/t/${slug}/billing\\?card=saved`));
    await expect.poll(() => page.getByTestId("card-on-file").textContent()).toContain("Mastercard ending 0341");
    await screenshot(page, "tenant-billing-card-saved");

    const [invoice] = await connection.db.select().from(invoices).where(eq(invoices.id, seeded.invoiceId));
    if (!invoice) throw new Error("the seeded invoice is missing");
    expect(invoice.status).toBe("open");

    // Staff see the card on Client 360.
    await signIn(page, portalUrl, staff, /\/provider$/);
    await page.goto(`${portalUrl}/provider/clients/${seeded.tenantId}/billing`);
    await expect.poll(() => page.getByTestId("client-card-on-file").textContent()).toContain("ending 0341");
    await screenshot(page, "portal-client-card-on-file");

    // Retry 1 (3 days after the due date, long past): the bank declines, in plain words.
    expect(await retryNow()).toMatchObject({ attempted: 1, failed: 1 });
    const actionCenter = `${portalUrl}/provider/action-center?bucket=paymentsFailed&tenantId=${seeded.tenantId}`;
    await page.goto(actionCenter);
    await page.getByText(`Payment failed on invoice ${invoice.number}`).first().waitFor();
    await page.getByText("Card declined — insufficient funds").first().waitFor();
    await screenshot(page, "portal-action-center-card-declined");

    // Retry 2: paid; the item disappears.
    expect(await retryNow()).toMatchObject({ attempted: 1, succeeded: 1 });
    const [paid] = await connection.db.select().from(invoices).where(eq(invoices.id, seeded.invoiceId));
    expect(paid).toMatchObject({ status: "paid", amountDueCents: 0 });
    await page.goto(actionCenter);
    await page.getByText("Nothing matches these filters").waitFor();
    await expect(page.getByText(`Payment failed on invoice ${invoice.number}`).count()).resolves.toBe(0);

    // Billing › Payment Retries counts it as recovered (this tenant's invoice is among the month's).
    await page.goto(`${portalUrl}/provider/billing?tab=retries`);
    const byMonth = page.getByRole("table", { name: "Recovered by month" });
    await byMonth.waitFor();
    await page.getByRole("table", { name: "Recovered by attempt" }).waitFor();
    await screenshot(page, "portal-payment-retries-analytics");

    // Stripe's webhook for that charge reaches the portal and changes nothing: still one payment.
    await expect
      .poll(
        async () =>
          (await connection.db.select().from(payments).where(eq(payments.invoiceId, seeded.invoiceId))).filter(
            (payment) => payment.status === "succeeded",
          ).length,
        { timeout: 10_000 },
      )
      .toBe(1);

    // The owner (still signed in to the tenant app) sees the invoice paid, with no Pay now left.
    await page.goto(`${tenantUrl}/t/${slug}/billing`);
    await page.getByRole("heading", { name: `Invoice ${invoice.number}` }).waitFor();
    expect(await page.getByRole("button", { name: /^Pay .* now$/ }).count()).toBe(0);
    await screenshot(page, "tenant-billing-paid-by-card");
  }, 180_000);

  /** A $35.00 drain-cleaning lead charged (beyond the plan's included leads) on an invoice the card paid, disputed. */
  async function disputedCardPaidLead(reasonCode: "duplicate" | "outside_service_area") {
    const lead = await createLead(connection.db, {
      tenantId: seeded.tenantId,
      category: "drain_cleaning",
      receivedAt: new Date(Date.now() - 40 * 86_400_000),
    });
    expect(lead.priceCents).toBe(3_500);
    const invoice = await createInvoice(connection.db, {
      tenantId: seeded.tenantId,
      status: "open",
      lines: [{ kind: "lead", description: "Lead: drain cleaning", unitAmountCents: 3_500, leadId: lead.id }],
    });
    const { payInvoice } = await import("@pp/core/payments/pay-invoice");
    const paid = await payInvoice(
      { tenantId: seeded.tenantId, invoiceId: invoice.id, actor: { kind: "system", label: "e2e" } },
      connection.db,
    );
    expect(paid.status).toBe("paid");
    await createDispute(connection.db, { leadId: lead.id, reasonCode });
    return { lead, invoice };
  }

  it("approves a dispute of a card-paid lead with “Refund to the card”: Stripe refunds $35.00, reconciled by webhook", async () => {
    const { page } = browser;
    const { lead, invoice } = await disputedCardPaidLead("duplicate");

    await page.goto(`${portalUrl}/provider/action-center?bucket=disputesPending&tenantId=${seeded.tenantId}`);
    const row = page.locator("tbody tr", { hasText: "Duplicate" });
    await row.waitFor();
    await row.getByRole("button", { name: "Approve Dispute" }).click();
    const dialog = page.getByRole("dialog", { name: "Approve the dispute from Card Payments Plumbing?" });
    await dialog.getByLabel("Where the credit goes").selectOption("refund_to_card");
    await screenshot(page, "portal-action-center-refund-to-card");
    await dialog.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved — $35.00 refunded to the Mastercard card ending 0341").first().waitFor();
    await row.waitFor({ state: "detached" });
    await screenshot(page, "portal-action-center-refunded");

    // One $35.00 refund tied to the card payment; its credit is refunded, not open; the webhook reconciled it.
    const [payment] = await connection.db
      .select()
      .from(payments)
      .where(and(eq(payments.invoiceId, invoice.id), eq(payments.status, "succeeded")));
    const recorded = await connection.db
      .select()
      .from(refunds)
      .where(eq(refunds.paymentId, payment?.id ?? ""));
    expect(recorded.map((refund) => [refund.amountCents, refund.status])).toEqual([[3_500, "succeeded"]]);
    const credits = await connection.db.select().from(tenantCredits).where(eq(tenantCredits.sourceLeadId, lead.id));
    expect(credits.map((credit) => [credit.amountCents, credit.refundId, credit.appliedInvoiceId])).toEqual([
      [3_500, recorded[0]?.id, null],
    ]);
    const refundedEvents = () =>
      connection.db.select().from(webhookEvents).where(eq(webhookEvents.type, "charge.refunded"));
    await expect.poll(async () => (await refundedEvents()).length, { timeout: 20_000 }).toBe(1);
    // The portal's job applies it within a minute; applying it here too shows a second run changes nothing.
    const { processStripeWebhooks } = await import("@pp/core/payments/process-stripe-webhooks");
    await processStripeWebhooks();
    await expect
      .poll(async () => (await refundedEvents()).map((event) => event.status), { timeout: 90_000 })
      .toEqual(["processed"]);
    expect(
      await connection.db
        .select()
        .from(refunds)
        .where(eq(refunds.paymentId, payment?.id ?? "")),
    ).toHaveLength(1);
  }, 180_000);

  it("offers “Refund to the card” on the lead page too, and refunds the card from there", async () => {
    const { page } = browser;
    const { lead } = await disputedCardPaidLead("outside_service_area");
    await page.goto(`${portalUrl}/provider/leads/${lead.id}`);
    await page.getByLabel("Where the credit goes").selectOption("refund_to_card");
    await screenshot(page, "portal-lead-refund-to-card");
    await page.getByRole("button", { name: "Approve Dispute" }).click();
    await page.getByText("Dispute approved — $35.00 refunded to the Mastercard card ending 0341").first().waitFor();
    const credits = await connection.db.select().from(tenantCredits).where(eq(tenantCredits.sourceLeadId, lead.id));
    expect(credits.map((credit) => [credit.amountCents, credit.refundId !== null, credit.appliedInvoiceId])).toEqual([
      [3_500, true, null],
    ]);
  }, 120_000);
});
