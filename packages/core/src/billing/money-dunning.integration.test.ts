// Issue #12 items 15–19: every figure below is computed by hand in the comment beside it.
import { db } from "@pp/db";
import { createDispute, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, emailOutbox, invoices, subscriptions, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getActionCenter } from "../action-center/get-action-center";
import { decideDispute } from "../leads/decide-dispute";
import { rejection, signedInStaff } from "../staff/testing";
import { getTenantDashboard } from "../tenant-dashboard/get-tenant-dashboard";
import { getTenantOverview } from "../tenants/get-tenant-overview";
import { issueInvoice } from "./issue-invoice";
import { recordPayment } from "./record-payment";
import { runPaymentRetries } from "./run-payment-retries";
import { APRIL, basicClient, leadFor, MARCH, MAY, withCoupon } from "./testing";
import { writeOffInvoice } from "./write-off-invoice";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const MARCH_ISSUED = new Date("2025-04-01T06:00:00Z"); // due Apr 15, 06:00
const APRIL_ISSUED = new Date("2025-05-01T06:00:00Z"); // due May 15, 06:00
/** One retry a day after the due date, then uncollectible; cancel 60 days after that retry. */
const POLICY = { retryAfterDays: [1], gracePeriodDays: 60 };

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error("invoice missing");
  return row;
}

async function standing(tenantId: string) {
  const [tenant] = await db.select({ status: tenants.status }).from(tenants).where(eq(tenants.id, tenantId));
  const [subscription] = await db
    .select({ status: subscriptions.status })
    .from(subscriptions)
    .where(eq(subscriptions.tenantId, tenantId));
  return { tenant: tenant?.status, subscription: subscription?.status };
}

describe("settling an uncollectible invoice to zero (item 15)", () => {
  it("pays it, restores the client and cancels nothing", async () => {
    const { tenant } = await basicClient();
    const heater = await leadFor(tenant, "water_heater", new Date("2025-03-20T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    // $99 + $65 = $164; $99 paid by hand → $65 due.
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, amountCents: 9_900, now: MARCH_ISSUED });
    expect((await invoiceRow(march.id)).amountDueCents).toBe(6_500);
    // Apr 16: the one retry fails → uncollectible, client past due.
    const retried = await runPaymentRetries({
      tenantId: tenant.id,
      now: new Date("2025-04-16T07:00:00Z"),
      policy: POLICY,
    });
    expect(retried.markedUncollectible).toBe(1);
    expect(await standing(tenant.id)).toEqual({ tenant: "past_due", subscription: "past_due" });

    const { actor } = await signedInStaff("support");
    await createDispute(db, { leadId: heater.id });
    const decision = await decideDispute({
      leadId: heater.id,
      decision: "approve",
      actor,
      now: new Date("2025-04-20T12:00:00Z"),
    });
    // −$65 on $65 due → $0 due: paid, whatever its status was.
    expect(decision).toMatchObject({ creditCents: 6_500, billingState: "open_invoice" });
    expect(await invoiceRow(march.id)).toMatchObject({ status: "paid", totalCents: 9_900, amountDueCents: 0 });
    expect(await standing(tenant.id)).toEqual({ tenant: "active", subscription: "active" });

    // Jun 15 (60 days after the retry): no end action for a paid invoice, no "$0.00 stayed unpaid" email.
    const later = await runPaymentRetries({
      tenantId: tenant.id,
      now: new Date("2025-06-16T07:00:00Z"),
      policy: POLICY,
    });
    expect(later.canceled).toBe(0);
    expect(await standing(tenant.id)).toEqual({ tenant: "active", subscription: "active" });
    const mail = await db
      .select({ subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(eq(emailOutbox.tenantId, tenant.id));
    expect(mail.map((row) => row.subject)).not.toContain("Your subscription was canceled for non-payment");
  });
});

/** March and April invoices ($99.00 each), both uncollectible by May 16. */
async function clientWithTwoUncollectible() {
  const client = await basicClient();
  const march = await issueInvoice({ tenantId: client.tenant.id, ...MARCH, now: MARCH_ISSUED });
  await runPaymentRetries({ tenantId: client.tenant.id, now: new Date("2025-04-16T07:00:00Z"), policy: POLICY });
  const april = await issueInvoice({ tenantId: client.tenant.id, ...APRIL, now: APRIL_ISSUED });
  await runPaymentRetries({ tenantId: client.tenant.id, now: new Date("2025-05-16T07:00:00Z"), policy: POLICY });
  expect((await invoiceRow(march.id)).status).toBe("uncollectible");
  expect((await invoiceRow(april.id)).status).toBe("uncollectible");
  return { ...client, march, april };
}

describe("paying one of two uncollectible invoices (item 16)", () => {
  it("keeps the client past due and still pursues the other", async () => {
    const { tenant, march, april } = await clientWithTwoUncollectible();
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, now: new Date("2025-05-20T10:00:00Z") });
    expect((await invoiceRow(march.id)).status).toBe("paid");
    expect(await standing(tenant.id)).toEqual({ tenant: "past_due", subscription: "past_due" });
    // Jul 15 = May 16 + 60 days: April's grace period is over → canceled for non-payment.
    const run = await runPaymentRetries({ tenantId: tenant.id, now: new Date("2025-07-16T07:00:00Z"), policy: POLICY });
    expect(run.canceled).toBe(1);
    expect(await standing(tenant.id)).toEqual({ tenant: "churned", subscription: "canceled" });
    expect(april.totalCents).toBe(9_900);
  });

  it("restores the client once the last one is paid", async () => {
    const { tenant, march, april } = await clientWithTwoUncollectible();
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, now: new Date("2025-05-20T10:00:00Z") });
    await recordPayment({ tenantId: tenant.id, invoiceId: april.id, now: new Date("2025-05-21T10:00:00Z") });
    expect(await standing(tenant.id)).toEqual({ tenant: "active", subscription: "active" });
  });
});

describe("uncollectible invoices stay owed until paid, voided or written off (item 17)", () => {
  it("shows in every money-owed view, and leaves them when a person writes it off", async () => {
    const { tenant } = await basicClient("Owing Plumbing");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    await runPaymentRetries({ tenantId: tenant.id, now: new Date("2025-04-16T07:00:00Z"), policy: POLICY });
    // May 20: 35 days past the Apr 15 due date (> 30 → tenants at risk), $99.00 owed.
    const now = new Date("2025-05-20T12:00:00Z");
    const center = await getActionCenter({ tenantId: tenant.id, now });
    expect(center.buckets.invoicesOverdue?.items.map((item) => [item.subject.id, item.amountCents])).toEqual([
      [march.id, 9_900],
    ]);
    // The failed retry of Apr 16 is within the failed-payments bucket's 30-day window on Apr 20.
    const apr20 = new Date("2025-04-20T12:00:00Z");
    const failed = (await getActionCenter({ tenantId: tenant.id, now: apr20 })).buckets.paymentsFailed;
    expect(failed?.items.map((item) => [item.subject.id, item.amountCents])).toEqual([[march.id, 9_900]]);
    const atRisk = center.buckets.tenantsAtRisk?.items[0];
    expect(atRisk?.details).toMatchObject({ overdueInvoices: 1, overdueCents: 9_900 });
    expect((await getTenantOverview({ tenantId: tenant.id, now })).invoices).toMatchObject({
      amountDueCents: 9_900,
      overdueAmountCents: 9_900,
    });
    expect((await getTenantDashboard({ tenantId: tenant.id, now })).nextInvoice).toMatchObject({
      id: march.id,
      status: "uncollectible",
      amountDueCents: 9_900,
      overdue: true,
    });

    const { actor } = await signedInStaff("billing");
    const written = await writeOffInvoice({ invoiceId: march.id, reason: "Business closed", actor, now });
    expect(written).toMatchObject({ status: "uncollectible", writtenOffBy: actor.userId, amountDueCents: 9_900 });
    const after = await getActionCenter({ tenantId: tenant.id, now });
    expect(after.buckets.invoicesOverdue?.count).toBe(0);
    expect((await getActionCenter({ tenantId: tenant.id, now: apr20 })).buckets.paymentsFailed?.count).toBe(0);
    expect((await getTenantOverview({ tenantId: tenant.id, now })).invoices.amountDueCents).toBe(0);
    expect((await getTenantDashboard({ tenantId: tenant.id, now })).nextInvoice).toBeNull();
    expect(await standing(tenant.id)).toEqual({ tenant: "active", subscription: "active" });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "invoice.written_off")));
    expect(audit?.after).toMatchObject({ amountDueCents: 9_900, reason: "Business closed" });
    // No cancellation for a written-off invoice, and no payment on it.
    const run = await runPaymentRetries({ tenantId: tenant.id, now: new Date("2025-07-01T07:00:00Z"), policy: POLICY });
    expect(run.canceled).toBe(0);
    expect((await rejection(recordPayment({ tenantId: tenant.id, invoiceId: march.id, now }))).status).toBe(409);
  });

  it("refuses a second write-off, a paid invoice, a missing reason and unknown ids", async () => {
    const { tenant } = await basicClient();
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    const { actor } = await signedInStaff("billing");
    const noReason = await rejection(writeOffInvoice({ invoiceId: march.id, reason: "  ", actor }));
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.details)).toContain("reason");
    await writeOffInvoice({ invoiceId: march.id, reason: "Goodwill", actor });
    expect((await rejection(writeOffInvoice({ invoiceId: march.id, reason: "Again", actor }))).status).toBe(409);
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: APRIL_ISSUED });
    await recordPayment({ tenantId: tenant.id, invoiceId: april.id, now: APRIL_ISSUED });
    expect((await rejection(writeOffInvoice({ invoiceId: april.id, reason: "Paid", actor }))).status).toBe(409);
    expect((await rejection(writeOffInvoice({ invoiceId: "nope", reason: "x", actor }))).status).toBe(404);
    const unknown = "0190a5d2-0000-7000-8000-000000000000";
    expect((await rejection(writeOffInvoice({ invoiceId: unknown, reason: "x", actor }))).status).toBe(404);
  });
});

describe("a repeating coupon of N months (item 18)", () => {
  it("discounts exactly N invoices when applied mid-period", async () => {
    const { tenant, subscription } = await basicClient();
    await withCoupon(
      subscription.id,
      { percentOff: 20, duration: "repeating", durationInMonths: 3 },
      new Date("2025-03-15T00:00:00Z"),
    );
    // 20% of $99.00 = $19.80 off the March, April and May invoices; June pays $99.00 (the old rule: 4 invoices).
    const totals = [];
    for (const [period, issuedAt] of [
      [MARCH, MARCH_ISSUED],
      [APRIL, APRIL_ISSUED],
      [MAY, new Date("2025-06-01T06:00:00Z")],
      [
        { periodStart: new Date("2025-06-01T00:00:00Z"), periodEnd: new Date("2025-07-01T00:00:00Z") },
        new Date("2025-07-01T06:00:00Z"),
      ],
    ] as const) {
      totals.push((await issueInvoice({ tenantId: tenant.id, ...period, now: issuedAt })).totalCents);
    }
    expect(totals).toEqual([7_920, 7_920, 7_920, 9_900]);
  });
});

describe("one currency per client (item 19)", () => {
  it("refuses a USD amount coupon on a EUR client's invoice with a 422 naming the coupon's currency", async () => {
    const { tenant, subscription } = await basicClient("Euro Sanitär", { currency: "EUR" });
    await withCoupon(subscription.id, { amountOffCents: 1_000, duration: "forever" }, new Date("2025-03-01"));
    const refused = await rejection(issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED }));
    expect(refused.status).toBe(422);
    expect(refused.details).toEqual([{ path: "coupon.currency", message: "must be EUR, the client's currency" }]);
    expect(await db.select().from(invoices).where(eq(invoices.tenantId, tenant.id))).toEqual([]);
  });

  it("bills a EUR client in EUR, at the plan's per-lead price for categories priced in USD", async () => {
    const { tenant, subscription } = await basicClient("Euro Rohr", { currency: "EUR" });
    await withCoupon(subscription.id, { percentOff: 10, duration: "forever" }, new Date("2025-03-01"));
    const lead = await leadFor(tenant, "repiping", new Date("2025-03-10T10:00:00Z"));
    // Repiping is $95.00 in USD; the client pays the EUR plan's €45.00 per lead instead.
    expect(lead.priceCents).toBe(4_500);
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    // €99.00 − 10% (€9.90) + €45.00 = €134.10.
    expect(march).toMatchObject({ currency: "EUR", totalCents: 13_410 });
  });

  it("refuses a plan in another currency than the client's", async () => {
    const { tenant } = await basicClient("Dollar Plan Euro Client", { currency: "EUR" });
    await db.update(subscriptions).set({ currency: "USD" }).where(eq(subscriptions.tenantId, tenant.id));
    const refused = await rejection(issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED }));
    expect(refused.status).toBe(422);
    expect(refused.message).toContain("billed in EUR");
  });
});
