import { issueInvoice } from "@pp/core/billing/issue-invoice";
import { settleSubscriptionPeriod } from "@pp/core/subscriptions/settle-subscription-period";
import { createConnection } from "@pp/db";
import {
  invoiceLines,
  invoices,
  leads,
  subscriptionChanges,
  subscriptionEvents,
  subscriptionProrations,
  subscriptions,
  tenantCredits,
  tenants,
} from "@pp/db/schema";
import { and, desc, eq, gte, inArray } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// Issue 13: a plan change in Client 360 moves real revenue — the prorated line reaches the
// tenant's next invoice, and Revenue Intelligence shows the movement and the new MRR.

const { portalUrl, tenantUrl, databaseUrl, staff, owner } = inject("e2e");
const BASIC = 9_900;
const PRO = 24_900;

function dollars(cents: number): string {
  const text = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(Math.abs(cents) / 100);
  return cents < 0 ? `-${text}` : text;
}

/** "$1,234.56", "+$150.00", "−$99.00" or "—" → cents (absolute). */
function cents(text: string | null): number {
  const digits = (text ?? "").replace(/[^0-9.]/g, "");
  return digits === "" ? 0 : Math.round(Number(digits) * 100);
}

type Figures = { mrr: number; expansion: number; churn: number; reactivation: number };

async function revenueFigures(page: Page): Promise<Figures> {
  const month = new Date().toISOString().slice(0, 7);
  await page.goto(`${portalUrl}/provider/revenue-intelligence`);
  const row = page.locator(`tr[data-month="${month}"]`);
  await row.waitFor();
  const cell = async (movement: string) => cents(await row.locator(`td[data-movement="${movement}"]`).textContent());
  return {
    mrr: cents(await page.getByTestId("kpi-mrr").textContent()),
    expansion: await cell("expansion"),
    churn: await cell("churn"),
    reactivation: await cell("reactivation"),
  };
}

async function openBilling(page: Page) {
  await page.goto(`${portalUrl}/provider/clients/${owner.tenantId}/billing`);
  await page.getByRole("heading", { name: "Change the subscription" }).waitFor();
}

describe("Revenue Intelligence follows subscription changes made in Client 360", () => {
  let portal: BrowserSession;
  let tenantApp: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  const startedAt = new Date();
  let original: { subscription: typeof subscriptions.$inferSelect; tenant: typeof tenants.$inferSelect };

  beforeAll(async () => {
    const [subscription] = await connection.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.tenantId, owner.tenantId))
      .orderBy(desc(subscriptions.createdAt))
      .limit(1);
    const [tenant] = await connection.db.select().from(tenants).where(eq(tenants.id, owner.tenantId));
    if (!subscription || !tenant) throw new Error("the seeded tenant's subscription is missing");
    original = { subscription, tenant };
    portal = await openBrowser();
    tenantApp = await openBrowser();
    await signIn(portal.page, portalUrl, staff, /\/provider$/);
  });

  afterAll(async () => {
    // Leave the seeded tenant as other browser tests expect it: on Basic, nothing billed this period.
    const db = connection.db;
    const { subscription, tenant } = original;
    const added = db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.tenantId, owner.tenantId), gte(invoices.createdAt, startedAt)));
    const addedLines = db
      .select({ id: invoiceLines.id })
      .from(invoiceLines)
      .where(inArray(invoiceLines.invoiceId, added));
    await db.update(leads).set({ invoiceLineId: null }).where(inArray(leads.invoiceLineId, addedLines));
    await db
      .update(tenantCredits)
      .set({ appliedInvoiceId: null })
      .where(inArray(tenantCredits.appliedInvoiceId, added));
    await db.delete(subscriptionProrations).where(eq(subscriptionProrations.subscriptionId, subscription.id));
    await db.delete(subscriptionChanges).where(eq(subscriptionChanges.subscriptionId, subscription.id));
    await db.delete(invoices).where(and(eq(invoices.tenantId, owner.tenantId), gte(invoices.createdAt, startedAt)));
    await db
      .delete(subscriptionEvents)
      .where(and(eq(subscriptionEvents.subscriptionId, subscription.id), gte(subscriptionEvents.createdAt, startedAt)));
    await db.update(subscriptions).set(subscription).where(eq(subscriptions.id, subscription.id));
    await db.update(tenants).set({ status: tenant.status, planId: tenant.planId }).where(eq(tenants.id, tenant.id));
    await portal?.close();
    await tenantApp?.close();
    await connection.pool.end();
  });

  it("upgrade → prorated line on the next invoice, expansion in the waterfall, MRR up; cancel → churn; reactivate → reactivation", async () => {
    const { page } = portal;
    expect(original.subscription).toMatchObject({ status: "active", mrrCents: BASIC, quantity: 1 });
    const before = await revenueFigures(page);

    // Upgrade Basic → Pro in Client 360 › Billing.
    await openBilling(page);
    await page.getByLabel("New plan").selectOption({ label: "Pro — $249.00/month" });
    await page.getByRole("button", { name: "Change plan" }).click();
    await page.getByText("Plan changed").first().waitFor();
    await page.getByTestId("billing-plan").getByText("Pro").waitFor();
    await page.getByText(/Next invoice: Prorated: Basic → Pro/).waitFor();
    await screenshot(page, "portal-client-billing-upgraded");

    const upgraded = await revenueFigures(page);
    expect(upgraded.mrr - before.mrr).toBe(PRO - BASIC);
    expect(upgraded.expansion - before.expansion).toBe(PRO - BASIC);
    await screenshot(page, "portal-revenue-intelligence");

    // The proration is the elapsed share of the price difference, to the cent.
    const [event] = await connection.db
      .select()
      .from(subscriptionEvents)
      .where(
        and(eq(subscriptionEvents.subscriptionId, original.subscription.id), eq(subscriptionEvents.type, "expansion")),
      )
      .orderBy(desc(subscriptionEvents.createdAt))
      .limit(1);
    const { currentPeriodStart: start, currentPeriodEnd: end } = original.subscription;
    const elapsed = (event?.effectiveAt.getTime() ?? 0) - start.getTime();
    const expected = -Math.round(((PRO - BASIC) * elapsed) / (end.getTime() - start.getTime())) || 0;
    const [proration] = await connection.db
      .select()
      .from(subscriptionProrations)
      .where(eq(subscriptionProrations.subscriptionId, original.subscription.id));
    expect(proration?.amountCents).toBe(expected);

    // The invoice job bills the period: the same two steps it runs for each subscription whose period ended.
    const invoice = await connection.db.transaction(async (tx) => {
      const issued = await issueInvoice({ tenantId: owner.tenantId, periodStart: start, periodEnd: end }, tx);
      await settleSubscriptionPeriod(tx, {
        subscriptionId: original.subscription.id,
        tenantId: owner.tenantId,
        invoiceId: issued.id,
        periodEnd: end,
        now: new Date(),
      });
      return issued;
    });
    await signIn(tenantApp.page, tenantUrl, owner, new RegExp(`/t/${owner.slug}$`));
    await tenantApp.page.goto(`${tenantUrl}/t/${owner.slug}/billing/${invoice.id}`);
    const line = tenantApp.page.getByRole("row", { name: /Prorated: Basic → Pro/ });
    await line.waitFor();
    expect((await line.textContent()) ?? "").toContain(dollars(expected).replace("-", ""));
    await tenantApp.page.getByRole("row", { name: /Pro plan \(monthly\)/ }).waitFor();
    await screenshot(tenantApp.page, "tenant-invoice-prorated");

    // Cancel now → churn of the Pro MRR.
    await openBilling(page);
    await page.getByLabel("Reason").selectOption("too_expensive");
    await page.getByLabel("When").selectOption("now");
    await page.getByRole("button", { name: "Cancel subscription" }).click();
    await page.getByText("Subscription canceled").first().waitFor();
    await page.getByRole("button", { name: "Reactivate" }).waitFor();
    const canceled = await revenueFigures(page);
    expect(canceled.churn - upgraded.churn).toBe(PRO);
    expect(canceled.mrr).toBe(upgraded.mrr - PRO);

    // Reactivate → the Pro MRR returns as a reactivation.
    await openBilling(page);
    await page.getByRole("button", { name: "Reactivate" }).click();
    await page.getByText("Subscription reactivated").first().waitFor();
    const back = await revenueFigures(page);
    expect(back.reactivation - canceled.reactivation).toBe(PRO);
    expect(back.mrr).toBe(upgraded.mrr);

    // The reactivation figure drills down to the movement and its client.
    const month = new Date().toISOString().slice(0, 7);
    await page.locator(`tr[data-month="${month}"] td[data-movement="reactivation"] a`).click();
    const drawer = page.getByRole("complementary", { name: "Movements behind the number" });
    await drawer.getByRole("link", { name: original.tenant.name }).first().waitFor();
    await screenshot(page, "portal-revenue-drill-down");
  });
});
