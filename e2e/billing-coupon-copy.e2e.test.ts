// Issue #18 items 6 (coupon) and 8 (billing copy): what a contractor owner and a billing specialist do.
import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { coupons, leadCategories, plans, subscriptions } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { chargedLeadOnOpenInvoice } from "./harness/charged-lead";
import { signIn } from "./harness/sign-in";

const { portalUrl, tenantUrl, databaseUrl, staff, owner } = inject("e2e");
const usd = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

describe("billing: coupon codes and copy that says what happened", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("the owner applies a coupon code on Billing and sees the discount on the upcoming invoice", async () => {
    const { page } = browser;
    const code = `SPRING${randomUUID().slice(0, 6).toUpperCase()}`;
    await connection.db
      .insert(coupons)
      .values({ code, name: "Spring offer", percentOff: 20, duration: "once", maxRedemptions: 50 });
    const [plan] = await connection.db
      .select({ priceCents: plans.priceCents, quantity: subscriptions.quantity })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(and(eq(subscriptions.tenantId, owner.tenantId), eq(subscriptions.status, "active")));
    if (!plan) throw new Error("the seeded tenant has no active subscription");
    // 20% of the plan line, rounded to the cent (20% of $99.00 = $19.80).
    const discount = Math.round((plan.priceCents * plan.quantity * 20) / 100);

    await signIn(page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    // The seeded invoice is past due: the dashboard does not call it the "Next invoice".
    await page.getByText("Overdue invoice", { exact: true }).waitFor();
    await expect(page.getByText("Next invoice", { exact: true }).count()).resolves.toBe(0);
    await screenshot(page, "tenant-dashboard-overdue");
    await page.goto(`${tenantUrl}/t/${owner.slug}/billing`);
    const card = page.locator("section", { hasText: "Upcoming invoice" }).last();
    await card.waitFor();

    // A typo: the refusal names the code, under the field.
    await card.getByLabel("Coupon code").fill("SPRNG-TYPO");
    await card.getByRole("button", { name: "Apply code" }).click();
    await card.getByText('There is no coupon code "SPRNG-TYPO" — check the spelling').waitFor();

    await card.getByLabel("Coupon code").fill(code.toLowerCase());
    await card.getByRole("button", { name: "Apply code" }).click();
    await page.getByText(`${code} applied — 20% off your next invoice`).waitFor();
    await card.getByText(`Discount: ${code} (20% off)`).waitFor();
    await expect(card.textContent()).resolves.toContain(`−${usd(discount)}`);
    await expect(card.textContent()).resolves.toContain(usd(plan.priceCents * plan.quantity - discount));
    await screenshot(page, "tenant-billing-coupon");

    // The same code again: refused in words, nothing counted twice.
    await card.getByLabel("Coupon code").fill(code);
    await card.getByRole("button", { name: "Apply code" }).click();
    await card.getByText(`${code} is already applied to your plan`).waitFor();
    const [row] = await connection.db.select().from(coupons).where(eq(coupons.code, code));
    expect(row?.timesRedeemed).toBe(1);
  });

  it("a billing specialist reclassifies a lead and sees the new price, the adjustment and the toast's billing effect", async () => {
    // A $65.00 water-heater lead charged on an open (overdue) invoice (the seeded invoice's leads are
    // all included in the plan, so reclassifying one moves no money).
    const { lead, line, invoice } = await chargedLeadOnOpenInvoice(connection.db, {
      tenantId: owner.tenantId,
      category: "water_heater",
    });
    const targetCode = lead.category === "repiping" ? "drain_cleaning" : "repiping";
    const [target] = await connection.db
      .select()
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, "plumbing"), eq(leadCategories.code, targetCode)));
    const [from] = await connection.db
      .select()
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, "plumbing"), eq(leadCategories.code, lead.category)));
    if (!target?.priceCents || !from) throw new Error("plumbing categories missing");
    // Billed at the line's amount; the new price less that is the adjustment.
    const delta = target.priceCents - line.amountCents;
    const signed = `${delta >= 0 ? "+" : "−"}${usd(Math.abs(delta))}`;

    const staffBrowser = await openBrowser();
    try {
      const { page } = staffBrowser;
      await signIn(page, portalUrl, staff, /\/provider$/);
      await page.goto(`${portalUrl}/provider/leads/${lead.id}`);
      await page.getByLabel("New category").selectOption(targetCode);
      await page.getByLabel("Reason").fill("The homeowner needs the whole line replaced");
      await page.getByRole("button", { name: "Reclassify Lead" }).click();
      await page
        .getByText(
          `Reclassified to ${target.name} (${usd(target.priceCents)}) — ${signed} adjustment on invoice ${invoice.number}`,
        )
        .waitFor();

      const billing = page.locator("section", { hasText: "Where this lead's charge stands." }).last();
      // The page refreshes after the toast: wait for the new state before reading the card.
      await billing.getByText(`Adjustment on ${invoice.number}`).waitFor();
      await expect(billing.textContent()).resolves.toContain(usd(target.priceCents));
      await expect(billing.textContent()).resolves.toContain(signed);
      const history = page.locator("section", { hasText: "Reclassification history" }).last();
      await expect(history.textContent()).resolves.toContain(`${from.name} (${usd(lead.priceCents)}) → ${target.name}`);
      await expect(history.textContent()).resolves.not.toContain(lead.category);
      await screenshot(page, "portal-lead-reclassified");

      // The invoice names the adjustment's lead, lists the plan first and carries the issuer and how to pay.
      await page.goto(`${portalUrl}/provider/billing/invoices/${line.invoiceId}`);
      await page.getByText(`reclassified to ${target.name}`).waitFor();
      const rows = page.locator("table tbody tr");
      await expect(rows.first().textContent()).resolves.toContain("plan");
      await page.getByText("How to pay").waitFor();
      await screenshot(page, "portal-invoice-issuer");
    } finally {
      await staffBrowser.close();
    }

    // The owner's printable invoice carries the same issuer block and payment instructions.
    await browser.page.goto(`${tenantUrl}/t/${owner.slug}/billing/${line.invoiceId}`);
    await browser.page.getByText("How to pay").waitFor();
    await browser.page.getByText("From", { exact: true }).waitFor();
    await screenshot(browser.page, "tenant-invoice-issuer");
  });
});
