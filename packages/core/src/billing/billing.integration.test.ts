import { db } from "@pp/db";
import { ensureReferenceData } from "@pp/db/factories";
import {
  activities,
  auditEvents,
  emailOutbox,
  featureUsage,
  invoices,
  leads,
  payments,
  subscriptionEvents,
  subscriptions,
  tenantCredits,
  tenants,
} from "@pp/db/schema";
import { and, asc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { issueInvoice } from "./issue-invoice";
import { recordPayment } from "./record-payment";
import { runPaymentRetries } from "./run-payment-retries";
import { sendInvoiceReminder } from "./send-invoice-reminder";
import { APRIL, basicClient, leadFor, MARCH, MAY, withCoupon } from "./testing";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const ISSUED_AT = new Date("2025-04-01T06:00:00Z");

describe("issueInvoice", () => {
  it("bills the plan and each billable uninvoiced lead of the period, numbered, open and due in 14 days", async () => {
    const { tenant } = await basicClient();
    const drain = await leadFor(tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"));
    const heater = await leadFor(tenant, "water_heater", new Date("2025-03-20T10:00:00Z"));
    await leadFor(tenant, "repiping", new Date("2025-04-02T10:00:00Z")); // next period
    await leadFor(tenant, "leak_repair", new Date("2025-03-10T10:00:00Z"), { billingStatus: "credited" });

    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });

    expect(invoice.number).toMatch(/^INV-202504-\d{5}$/);
    expect(invoice.status).toBe("open");
    expect(invoice.dueAt).toEqual(new Date("2025-04-15T06:00:00Z"));
    expect(invoice.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 9_900],
      ["lead", 3_500],
      ["lead", 6_500],
    ]);
    expect(invoice).toMatchObject({
      subtotalCents: 19_900,
      discountCents: 0,
      creditCents: 0,
      totalCents: 19_900,
      amountDueCents: 19_900,
    });
    const [billedDrain] = await db.select().from(leads).where(eq(leads.id, drain.id));
    expect(billedDrain?.invoiceLineId).toBe(invoice.lines[1]?.id);
    const [billedHeater] = await db.select().from(leads).where(eq(leads.id, heater.id));
    expect(billedHeater?.invoiceLineId).toBe(invoice.lines[2]?.id);

    const again = await rejection(issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT }));
    expect(again.status).toBe(409);
    expect(again.message).toContain(invoice.number);

    // April's invoice does not bill March's leads again.
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    expect(april.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 9_900],
      ["lead", 9_500],
    ]);
    expect(april.totalCents).toBe(19_400);
  });

  it("takes a percent coupon off the subscription for the repeating months only", async () => {
    const { tenant, subscription } = await basicClient();
    await withCoupon(
      subscription.id,
      { percentOff: 20, duration: "repeating", durationInMonths: 2 },
      new Date("2025-03-01T00:00:00Z"),
    );
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    const may = await issueInvoice({ tenantId: tenant.id, ...MAY, now: new Date("2025-06-01T06:00:00Z") });
    expect(
      [march, april, may].map((invoice) => [invoice.subtotalCents, invoice.discountCents, invoice.totalCents]),
    ).toEqual([
      [9_900, 1_980, 7_920],
      [9_900, 1_980, 7_920],
      [9_900, 0, 9_900],
    ]);
    expect(march.lines.find((line) => line.kind === "adjustment")?.description).toMatch(/20% off/);
  });

  it("takes an amount coupon off the first invoice only when it is `once`", async () => {
    const { tenant, subscription } = await basicClient();
    await withCoupon(subscription.id, { amountOffCents: 2_500, duration: "once" }, new Date("2025-03-05T00:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    expect([march.discountCents, march.totalCents]).toEqual([2_500, 7_400]);
    expect([april.discountCents, april.totalCents]).toEqual([0, 9_900]);
  });

  it("keeps a `forever` coupon on every invoice and never discounts below zero", async () => {
    const { tenant, subscription } = await basicClient();
    await withCoupon(
      subscription.id,
      { amountOffCents: 50_000, duration: "forever" },
      new Date("2025-02-01T00:00:00Z"),
    );
    await leadFor(tenant, "drain_cleaning", new Date("2025-04-10T00:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    // The coupon covers the subscription line only; the lead is still billed.
    expect([march.discountCents, march.totalCents, march.status]).toEqual([9_900, 0, "paid"]);
    expect([april.subtotalCents, april.discountCents, april.totalCents]).toEqual([13_400, 9_900, 3_500]);
  });

  it("applies carried-forward credits as credit lines, keeping what it cannot use", async () => {
    const { tenant } = await basicClient();
    await db.insert(tenantCredits).values([
      { tenantId: tenant.id, amountCents: 4_000, reason: "Disputed lead", createdAt: new Date("2025-03-02T00:00:00Z") },
      { tenantId: tenant.id, amountCents: 8_000, reason: "Goodwill", createdAt: new Date("2025-03-03T00:00:00Z") },
    ]);
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    expect(march.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 9_900],
      ["credit", -4_000],
      ["credit", -5_900],
    ]);
    expect(march).toMatchObject({
      subtotalCents: 9_900,
      creditCents: 9_900,
      totalCents: 0,
      amountDueCents: 0,
      status: "paid",
    });
    const open = await db
      .select()
      .from(tenantCredits)
      .where(and(eq(tenantCredits.tenantId, tenant.id), isNull(tenantCredits.appliedInvoiceId)));
    expect(open.map((credit) => credit.amountCents)).toEqual([2_100]);

    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    expect([april.creditCents, april.totalCents]).toEqual([2_100, 7_800]);
  });
});

describe("recordPayment", () => {
  it("pays an invoice down and marks it paid when nothing is due", async () => {
    const { tenant } = await basicClient();
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    const partial = await recordPayment({
      tenantId: tenant.id,
      invoiceId: invoice.id,
      amountCents: 4_000,
      now: ISSUED_AT,
    });
    expect(partial.invoice).toMatchObject({ status: "open", amountPaidCents: 4_000, amountDueCents: 5_900 });
    const rest = await recordPayment({ tenantId: tenant.id, invoiceId: invoice.id, now: ISSUED_AT });
    expect(rest.payment.amountCents).toBe(5_900);
    expect(rest.invoice).toMatchObject({
      status: "paid",
      amountPaidCents: 9_900,
      amountDueCents: 0,
      nextRetryAt: null,
    });
    const error = await rejection(recordPayment({ tenantId: tenant.id, invoiceId: invoice.id, amountCents: 100 }));
    expect(error.status).toBe(409);
  });
});

describe("runPaymentRetries", () => {
  const day = (date: string) => new Date(`${date}T09:00:00Z`);

  it("retries 3, 5 and 7 days after the due date, then past due, then canceled after the grace period", async () => {
    const { tenant, subscription } = await basicClient();
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: new Date("2025-04-01T09:00:00Z") });
    expect(invoice.dueAt).toEqual(day("2025-04-15"));
    const stateOf = async () => {
      const [row] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
      return {
        status: row?.status,
        attempts: row?.retryAttempts,
        nextRetryAt: row?.nextRetryAt?.toISOString() ?? null,
      };
    };

    await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-14") });
    expect(await stateOf()).toEqual({ status: "open", attempts: 0, nextRetryAt: null });

    await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-16") });
    expect(await stateOf()).toEqual({ status: "open", attempts: 0, nextRetryAt: "2025-04-18T09:00:00.000Z" });

    const first = await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-18") });
    expect(first).toMatchObject({ attempted: 1, failed: 1 });
    expect(await stateOf()).toEqual({ status: "open", attempts: 1, nextRetryAt: "2025-04-20T09:00:00.000Z" });

    await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-19") }); // nothing due
    await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-20") });
    expect(await stateOf()).toEqual({ status: "open", attempts: 2, nextRetryAt: "2025-04-22T09:00:00.000Z" });

    const last = await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-22") });
    expect(last).toMatchObject({ attempted: 1, failed: 1, markedUncollectible: 1 });
    expect(await stateOf()).toEqual({ status: "uncollectible", attempts: 3, nextRetryAt: null });
    const [pastDue] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(pastDue?.status).toBe("past_due");
    const [client] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(client?.status).toBe("past_due");

    const failed = await db.select().from(payments).where(eq(payments.invoiceId, invoice.id));
    expect(failed.map((payment) => [payment.status, payment.failureReason, payment.amountCents])).toEqual([
      ["failed", "no_payment_method", 9_900],
      ["failed", "no_payment_method", 9_900],
      ["failed", "no_payment_method", 9_900],
    ]);
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.relatedId, invoice.id))
      .orderBy(asc(emailOutbox.createdAt));
    expect(emails.map((email) => email.subject)).toEqual([
      expect.stringContaining("retry on Apr 20, 2025"),
      expect.stringContaining("retry on Apr 22, 2025"),
      expect.stringContaining("Final notice"),
    ]);
    expect(emails[2]?.text).toContain("canceled on May 6, 2025");

    expect((await runPaymentRetries({ tenantId: tenant.id, now: day("2025-05-05") })).canceled).toBe(0);
    expect((await runPaymentRetries({ tenantId: tenant.id, now: day("2025-05-06") })).canceled).toBe(1);
    const [canceled] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(canceled).toMatchObject({ status: "canceled", mrrCents: 0 });
    const churn = await db
      .select()
      .from(subscriptionEvents)
      .where(and(eq(subscriptionEvents.subscriptionId, subscription.id), eq(subscriptionEvents.type, "churn")));
    expect(churn.map((event) => [event.mrrBeforeCents, event.mrrAfterCents])).toEqual([[9_900, 0]]);
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.tenantId, tenant.id));
    expect(audits.filter((event) => event.actorType === "system").map((event) => event.action)).toEqual(
      expect.arrayContaining(["invoice.payment_retry_failed", "invoice.marked_uncollectible", "subscription.canceled"]),
    );
    expect((await runPaymentRetries({ tenantId: tenant.id, now: day("2025-05-07") })).canceled).toBe(0);
  });

  it("stops retrying when a retry succeeds", async () => {
    const { tenant } = await basicClient();
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: new Date("2025-04-01T09:00:00Z") });
    await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-18") });
    const run = await runPaymentRetries({
      tenantId: tenant.id,
      now: day("2025-04-20"),
      chargeInvoice: async ({ attempt }) =>
        attempt === 2 ? { ok: true, externalId: "ch_test" } : { ok: false, reason: "card_declined" },
    });
    expect(run).toMatchObject({ attempted: 1, succeeded: 1 });
    const [paid] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(paid).toMatchObject({
      status: "paid",
      amountDueCents: 0,
      amountPaidCents: 9_900,
      nextRetryAt: null,
      retryAttempts: 2,
    });
    expect((await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-22") })).attempted).toBe(0);
  });

  it("retries on a configured schedule", async () => {
    const { tenant } = await basicClient();
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: new Date("2025-04-01T09:00:00Z") });
    const policy = { retryAfterDays: [1], gracePeriodDays: 2 };
    expect((await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-16"), policy })).markedUncollectible).toBe(
      1,
    );
    expect((await runPaymentRetries({ tenantId: tenant.id, now: day("2025-04-18"), policy })).canceled).toBe(1);
    const [row] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row?.status).toBe("uncollectible");
  });
});

describe("sendInvoiceReminder", () => {
  it("emails the billing contact at most once a day, however often Send Reminder is clicked", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("billing");
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    const now = new Date("2025-04-20T14:05:00Z");

    const first = await sendInvoiceReminder({ invoiceId: invoice.id, actor, now });
    expect(first.to).toBe(tenant.billingEmail);
    for (let click = 0; click < 4; click++) {
      const error = await rejection(
        sendInvoiceReminder({ invoiceId: invoice.id, actor, now: new Date(now.getTime() + click * 60_000) }),
      );
      expect(error.status).toBe(409);
      expect(error.message).toBe("A reminder was already sent today at 14:05 UTC");
    }
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.relatedId, invoice.id), eq(emailOutbox.kind, "invoice_reminder")));
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: tenant.billingEmail });
    expect(emails[0]?.text).toContain("$99.00");
    const [row] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(row?.lastReminderAt).toEqual(now);
    const timeline = await db
      .select()
      .from(activities)
      .where(and(eq(activities.tenantId, tenant.id), eq(activities.kind, "email")));
    expect(timeline).toHaveLength(1);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "invoice.reminder_sent")));
    expect(audit).toHaveLength(1);
    const usage = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "SendReminder")));
    expect(usage.map((entry) => entry.app)).toEqual(["portal"]);

    // The next UTC day it may be sent again.
    await sendInvoiceReminder({ invoiceId: invoice.id, actor, now: new Date("2025-04-21T00:01:00Z") });
    expect(
      await db
        .select()
        .from(emailOutbox)
        .where(eq(emailOutbox.kind, "invoice_reminder"))
        .then((rows) => rows.filter((r) => r.relatedId === invoice.id)),
    ).toHaveLength(2);
  });

  it("lets exactly one of five simultaneous clicks through", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("billing");
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    const now = new Date("2025-04-20T09:00:00Z");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => sendInvoiceReminder({ invoiceId: invoice.id, actor, now })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.relatedId, invoice.id), eq(emailOutbox.kind, "invoice_reminder")));
    expect(emails).toHaveLength(1);
  });

  it("refuses paid invoices and unknown ids", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("billing");
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await recordPayment({ tenantId: tenant.id, invoiceId: invoice.id });
    expect((await rejection(sendInvoiceReminder({ invoiceId: invoice.id, actor }))).status).toBe(409);
    expect((await rejection(sendInvoiceReminder({ invoiceId: "not-a-uuid", actor }))).status).toBe(404);
  });
});
