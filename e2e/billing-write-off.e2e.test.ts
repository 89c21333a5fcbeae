import { createConnection } from "@pp/db";
import { createInvoice, createSubscription, createTenant } from "@pp/db/factories";
import { auditEvents, invoices } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, openBrowser, screenshot } from "./harness/browser";
import { signIn } from "./harness/sign-in";

// Issue 12 item 17: an uncollectible invoice stays owed until a person writes it off (audited).

const { portalUrl, databaseUrl, staff, viewer } = inject("e2e");

describe("Write off an uncollectible invoice", () => {
  let browser: BrowserSession;
  const connection = createConnection(databaseUrl, 1);
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await connection.pool.end();
  });

  it("asks why, takes it out of the money owed, and refuses a viewer", async () => {
    const { db } = connection;
    const tenant = await createTenant(db, { name: "Written Off Drains", status: "past_due" });
    const subscription = await createSubscription(db, {
      tenantId: tenant.id,
      planCode: "basic",
      status: "past_due",
      startedAt: new Date(Date.now() - 90 * 86_400_000),
    });
    const issuedAt = new Date(Date.now() - 40 * 86_400_000);
    // $99.00 plan + $65.00 lead = $164.00, never paid.
    const invoice = await createInvoice(db, {
      tenantId: tenant.id,
      subscriptionId: subscription.id,
      status: "uncollectible",
      issuedAt,
      retryAttempts: 3,
      lines: [
        { kind: "subscription", description: "Basic plan (monthly)", unitAmountCents: 9_900 },
        { kind: "lead", description: "Lead: Water heater", unitAmountCents: 6_500 },
      ],
    });

    // A viewer's session cannot write it off.
    const { page } = browser;
    await signIn(page, portalUrl, viewer, /\/provider$/);
    const forged = await page.request.post(`${portalUrl}/api/provider/billing/invoices/${invoice.id}/write-off`, {
      headers: { origin: portalUrl, "content-type": "application/json" },
      data: { reason: "sneaky" },
    });
    expect(forged.status()).toBe(403);
    await page.context().clearCookies();

    await signIn(page, portalUrl, staff, /\/provider$/);
    // Still owed while uncollectible: it is in the overdue list.
    await page.goto(`${portalUrl}/provider/billing?overdue=true&tenantId=${tenant.id}`);
    await page.getByRole("link", { name: invoice.number }).click();
    await page.waitForURL(new RegExp(`/provider/billing/invoices/${invoice.id}$`));
    await page.getByRole("button", { name: "Write off" }).click();
    const submit = page.getByRole("button", { name: "Write off $164.00" });
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel("Why is this invoice written off?").fill("Business closed, owner unreachable");
    await screenshot(page, "portal-invoice-write-off");
    await submit.click();
    await page.getByText("$164.00 written off").waitFor();
    await page
      .getByText(/Written off \w+/)
      .first()
      .waitFor();
    expect(await page.getByRole("button", { name: "Write off" }).count()).toBe(0);
    await screenshot(page, "portal-invoice-written-off");

    const [row] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row?.writtenOffAt).not.toBeNull();
    expect(row).toMatchObject({ status: "uncollectible", amountDueCents: 16_400 });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invoice.written_off"), eq(auditEvents.targetId, invoice.id)));
    expect(audit?.after).toMatchObject({ reason: "Business closed, owner unreachable", amountDueCents: 16_400 });

    // No longer in the overdue list.
    await page.goto(`${portalUrl}/provider/billing?overdue=true&tenantId=${tenant.id}`);
    await page.getByRole("heading", { name: "Billing" }).first().waitFor();
    expect(await page.getByRole("link", { name: invoice.number }).count()).toBe(0);
  });
});
