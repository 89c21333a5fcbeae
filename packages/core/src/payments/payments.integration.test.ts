// Issue #17 items 1–3 and 6: card payments through the real stripe SDK against a local stand-in of
// Stripe's HTTP API (tooling/stripe-stand-in), on a real PostgreSQL.
import { db } from "@pp/db";
import { ensureReferenceData } from "@pp/db/factories";
import { invoices, payments, stripeCustomers, webhookEvents } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectStripeStandIn, disconnectStripeStandIn } from "../../../../tooling/stripe-stand-in/connect";
import type { StripeStandIn, TestCardNumber } from "../../../../tooling/stripe-stand-in/server";
import { getActionCenter } from "../action-center/get-action-center";
import { issueInvoice } from "../billing/issue-invoice";
import { runPaymentRetries } from "../billing/run-payment-retries";
import { basicClient, MARCH } from "../billing/testing";
import { isAppError } from "../errors";
import { cardCharger } from "./charge-invoice-by-card";
import { chargeNewInvoices } from "./charge-new-invoices";
import { completeCardSetup } from "./complete-card-setup";
import { getCardOnFile } from "./get-card-on-file";
import { payInvoice } from "./pay-invoice";
import { processStripeWebhooks } from "./process-stripe-webhooks";
import { receiveStripeWebhook } from "./receive-stripe-webhook";
import { startCardSetup } from "./start-card-setup";

const WEBHOOK_SECRET = "whsec_stand_in_secret";
const OWNER = { kind: "system", label: "test-owner" } as const;
// March 2025 invoice issued Apr 1, 06:00 → due Apr 15, 06:00; default retries 3, 5, 7 days after.
const ISSUED = new Date("2025-04-01T06:00:00Z");
const FIRST_RETRY = new Date("2025-04-18T07:00:00Z");
const SECOND_RETRY = new Date("2025-04-20T07:00:00Z");

let stripe: StripeStandIn;

beforeAll(async () => {
  await ensureReferenceData(db);
  stripe = await connectStripeStandIn(WEBHOOK_SECRET);
});

afterAll(async () => {
  await disconnectStripeStandIn(stripe);
});

/** The owner goes through Checkout with a test card and comes back: what the browser does. */
async function saveCard(tenantId: string, number: TestCardNumber = "4242424242424242") {
  const { url } = await startCardSetup({ tenantId, actor: OWNER });
  const page = await fetch(url);
  expect(await page.text()).toContain("Save card");
  const submitted = await fetch(url, {
    method: "POST",
    body: new URLSearchParams({ number, exp_month: "12", exp_year: "2030" }),
    redirect: "manual",
  });
  const back = new URL(submitted.headers.get("location") ?? "");
  const sessionId = back.searchParams.get("session_id") ?? "";
  expect(back.pathname).toMatch(/\/billing\/card\/return$/);
  return completeCardSetup({ tenantId, sessionId, actor: OWNER });
}

async function deliver(type: string, after = 0) {
  const event = stripe.events.filter((candidate) => candidate.type === type).at(-1 - after);
  if (!event) throw new Error(`no ${type} event`);
  return receiveStripeWebhook({ rawBody: event.payload, signature: stripe.signature(event.payload) });
}

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error("invoice missing");
  return row;
}

const paymentsOf = (invoiceId: string) =>
  db.select().from(payments).where(eq(payments.invoiceId, invoiceId)).orderBy(payments.attemptedAt);

async function failedItem(tenantId: string, now: Date) {
  const center = await getActionCenter({ bucket: "paymentsFailed", tenantId, now });
  return center.buckets.paymentsFailed?.items[0];
}

describe("payment methods", () => {
  it("saves the card from Checkout (brand, last 4, expiry) and links the tenant to one Stripe customer", async () => {
    const { tenant } = await basicClient("Card Saver Plumbing");
    expect(await getCardOnFile({ tenantId: tenant.id })).toEqual({ enabled: true, card: null });
    expect(await saveCard(tenant.id)).toEqual({ saved: true, last4: "4242" });
    expect(await getCardOnFile({ tenantId: tenant.id })).toEqual({
      enabled: true,
      card: { brand: "visa", last4: "4242", expMonth: 12, expYear: 2030 },
    });
    // Replacing the card reuses the customer.
    await saveCard(tenant.id, "4000000000000341");
    const links = await db.select().from(stripeCustomers).where(eq(stripeCustomers.tenantId, tenant.id));
    expect(links).toHaveLength(1);
    expect(links[0]?.cardLast4).toBe("0341");
    // The webhooks for the first, older setup arrive late: the newer card stays.
    await deliver("setup_intent.succeeded", 1);
    await deliver("checkout.session.completed", 1);
    await processStripeWebhooks();
    expect((await getCardOnFile({ tenantId: tenant.id })).card?.last4).toBe("0341");
  });

  it("refuses another tenant's Checkout session", async () => {
    const { tenant } = await basicClient("Session Owner");
    const { tenant: other } = await basicClient("Session Thief");
    const { url } = await startCardSetup({ tenantId: tenant.id, actor: OWNER });
    await startCardSetup({ tenantId: other.id, actor: OWNER });
    const sessionId = url.split("/").at(-1) ?? "";
    const attempt = completeCardSetup({ tenantId: other.id, sessionId });
    await expect(attempt).rejects.toSatisfy((error) => isAppError(error) && error.code === "not_found");
  });
});

describe("charging", () => {
  it("charges a newly issued invoice once; its webhook then changes nothing", async () => {
    const { tenant } = await basicClient("Charged Plumbing");
    await saveCard(tenant.id);
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    expect(invoice.amountDueCents).toBe(9_900);
    expect(await chargeNewInvoices({ now: ISSUED })).toMatchObject({ charged: 1 });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: "paid", amountDueCents: 0, amountPaidCents: 9_900 });
    await deliver("payment_intent.succeeded");
    expect(await processStripeWebhooks()).toMatchObject({ processed: 1 });
    const recorded = await paymentsOf(invoice.id);
    expect(recorded.map((payment) => [payment.status, payment.amountCents])).toEqual([["succeeded", 9_900]]);
    expect(recorded[0]?.externalId).toMatch(/^pi_/);
    // The next run finds nothing left to charge.
    expect(await chargeNewInvoices({ now: ISSUED })).toMatchObject({ charged: 0 });
  });

  it("declined, shown in plain words in the Action Center, then recovered on the next retry", async () => {
    const { tenant } = await basicClient("Recovering Plumbing");
    await saveCard(tenant.id, "4000000000000341");
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    const first = await runPaymentRetries({ tenantId: tenant.id, now: FIRST_RETRY, chargeInvoice: cardCharger() });
    expect(first).toMatchObject({ attempted: 1, failed: 1, succeeded: 0 });
    const [failure] = await paymentsOf(invoice.id);
    expect(failure).toMatchObject({ status: "failed", failureReason: "Card declined — insufficient funds" });
    const item = await failedItem(tenant.id, FIRST_RETRY);
    expect(item?.title).toBe(`Payment failed on invoice ${invoice.number} — Card declined — insufficient funds`);
    // Its webhook arrives after the charge answered: recorded once.
    await deliver("payment_intent.payment_failed");
    await processStripeWebhooks();
    expect(await paymentsOf(invoice.id)).toHaveLength(1);

    const second = await runPaymentRetries({ tenantId: tenant.id, now: SECOND_RETRY, chargeInvoice: cardCharger() });
    expect(second).toMatchObject({ attempted: 1, succeeded: 1 });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: "paid", amountDueCents: 0 });
    expect(await failedItem(tenant.id, SECOND_RETRY)).toBeUndefined();
  });

  it("Pay now charges an open invoice, and a decline says why", async () => {
    const { tenant } = await basicClient("Pay Now Plumbing");
    await saveCard(tenant.id, "4000000000009995");
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    expect(await payInvoice({ tenantId: tenant.id, invoiceId: invoice.id, actor: OWNER })).toEqual({
      status: "declined",
      reason: "Card declined — insufficient funds",
    });
    await saveCard(tenant.id, "4242424242424242");
    const paid = await payInvoice({ tenantId: tenant.id, invoiceId: invoice.id, actor: OWNER });
    expect(paid.status).toBe("paid");
    const again = payInvoice({ tenantId: tenant.id, invoiceId: invoice.id, actor: OWNER });
    await expect(again).rejects.toSatisfy((error) => isAppError(error) && error.code === "conflict");
  });

  it("Stripe unreachable: the invoice stays open, is retried later, and is charged once", async () => {
    const { tenant } = await basicClient("Offline Plumbing");
    await saveCard(tenant.id);
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    const before = stripe.paymentIntents().length;
    stripe.setOffline(true);
    try {
      expect(
        await runPaymentRetries({ tenantId: tenant.id, now: FIRST_RETRY, chargeInvoice: cardCharger() }),
      ).toMatchObject({ attempted: 0, failed: 0, succeeded: 0 });
      expect(await invoiceRow(invoice.id)).toMatchObject({ status: "open", retryAttempts: 0 });
      // Stripe charges but its answer is lost: the retry repeats the same idempotency key.
      stripe.setOffline("answer_lost");
      await runPaymentRetries({ tenantId: tenant.id, now: FIRST_RETRY, chargeInvoice: cardCharger() });
      expect(await invoiceRow(invoice.id)).toMatchObject({ status: "open", retryAttempts: 0 });
      expect(await paymentsOf(invoice.id)).toHaveLength(0);
    } finally {
      stripe.setOffline(false);
    }
    await runPaymentRetries({ tenantId: tenant.id, now: FIRST_RETRY, chargeInvoice: cardCharger() });
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: "paid", amountDueCents: 0 });
    expect(stripe.paymentIntents().length - before).toBe(1);
    const keys = stripe.requests
      .filter((request) => request.path === "/v1/payment_intents" && request.idempotencyKey?.includes(invoice.id))
      .map((request) => request.idempotencyKey);
    // The SDK repeats a request once on a dropped connection, with the same key; every try used one key.
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(new Set(keys)).toEqual(new Set([`invoice-${invoice.id}-attempt-1`]));
  });
});

describe("webhooks", () => {
  it("a bad or stale signature is refused with nothing stored", async () => {
    const { tenant } = await basicClient("Forged Plumbing");
    await saveCard(tenant.id);
    const event = stripe.events.at(-1);
    if (!event) throw new Error("no event");
    const stored = async () => (await db.select().from(webhookEvents).where(eq(webhookEvents.id, event.id))).length;
    const forged = stripe.signature(event.payload, undefined, "whsec_someone_else");
    const stale = stripe.signature(event.payload, Math.floor(Date.now() / 1000) - 301);
    const tampered = stripe.signature(event.payload);
    for (const [rawBody, signature] of [
      [event.payload, forged],
      [event.payload, stale],
      [event.payload.replace("setup", "setup "), tampered],
      [event.payload, null],
    ] as const) {
      const attempt = receiveStripeWebhook({ rawBody, signature });
      await expect(attempt).rejects.toSatisfy((error) => isAppError(error) && error.code === "validation_failed");
    }
    expect(await stored()).toBe(0);
  });

  it("the same event twice is stored and applied once; unknown types are stored and ignored", async () => {
    const { tenant } = await basicClient("Replay Plumbing");
    await saveCard(tenant.id, "4000000000009995");
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    // A failure Stripe reports only by webhook (nothing recorded it synchronously).
    const intent = {
      id: "pi_async_failure",
      object: "payment_intent",
      metadata: { invoiceId: invoice.id, tenantId: tenant.id },
    };
    const failed = stripe.emit("payment_intent.payment_failed", {
      ...intent,
      last_payment_error: { code: "card_declined", decline_code: "expired_card" },
    });
    const send = () => receiveStripeWebhook({ rawBody: failed.payload, signature: stripe.signature(failed.payload) });
    expect((await send()).stored).toBe(true);
    expect((await send()).stored).toBe(false);
    const unknown = stripe.emit("invoice.finalized", { id: "in_123", object: "invoice" });
    await receiveStripeWebhook({ rawBody: unknown.payload, signature: stripe.signature(unknown.payload) });
    expect(await processStripeWebhooks()).toMatchObject({ processed: 1, ignored: 1 });
    expect((await send()).stored).toBe(false);
    expect(await processStripeWebhooks()).toMatchObject({ processed: 0 });
    const recorded = await paymentsOf(invoice.id);
    expect(recorded.map((payment) => payment.failureReason)).toEqual(["Card declined — the card has expired"]);
    const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, unknown.id));
    expect(row?.status).toBe("ignored");
  });

  it("a card chargeback is an Action Center item until Stripe closes it, whatever order the events arrive in", async () => {
    const { tenant } = await basicClient("Chargeback Plumbing");
    await saveCard(tenant.id);
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    await chargeNewInvoices({ now: ISSUED });
    const [payment] = await paymentsOf(invoice.id);
    const dueBy = Math.floor(Date.now() / 1000) + 2 * 86_400;
    const dispute = {
      id: `dp_${tenant.id.slice(0, 8)}`,
      object: "dispute",
      amount: 9_900,
      currency: "usd",
      reason: "product_not_received",
      payment_intent: payment?.externalId,
      evidence_details: { due_by: dueBy },
    };
    const send = (event: { payload: string }) =>
      receiveStripeWebhook({ rawBody: event.payload, signature: stripe.signature(event.payload) });
    const chargebacks = async () =>
      (await getActionCenter({ bucket: "chargebacks", tenantId: tenant.id })).buckets.chargebacks;

    const created = stripe.emit("charge.dispute.created", { ...dispute, status: "needs_response" });
    await send(created);
    await processStripeWebhooks();
    const open = await chargebacks();
    expect(open?.count).toBe(1);
    expect(open?.items[0]).toMatchObject({
      severity: "critical",
      amountCents: 9_900,
      title: `Card chargeback on invoice ${invoice.number} — product not received (evidence needed)`,
      href: `/provider/billing/invoices/${invoice.id}`,
    });

    // Stripe closes it; the "created" event arriving again, or late, does not reopen it.
    const closed = stripe.emit("charge.dispute.closed", { ...dispute, status: "won" });
    await send(closed);
    await processStripeWebhooks();
    expect((await chargebacks())?.count).toBe(0);
    const late = stripe.emit("charge.dispute.updated", { ...dispute, status: "under_review" });
    await db.execute(
      sql`update card_disputes set reported_at = reported_at + interval '1 hour' where dispute_id = ${dispute.id}`,
    );
    await send(late);
    await processStripeWebhooks();
    expect((await chargebacks())?.count).toBe(0);
  });

  it("out of order: a failure arriving after the success never reopens or re-fails a paid invoice", async () => {
    const { tenant } = await basicClient("Out Of Order Plumbing");
    await saveCard(tenant.id);
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    const metadata = { invoiceId: invoice.id, tenantId: tenant.id };
    const base = { id: "pi_out_of_order", object: "payment_intent", amount: 9_900, metadata };
    const failedFirst = stripe.emit("payment_intent.payment_failed", {
      ...base,
      status: "requires_payment_method",
      last_payment_error: { code: "card_declined", decline_code: "insufficient_funds" },
    });
    const succeeded = stripe.emit("payment_intent.succeeded", { ...base, status: "succeeded", amount_received: 9_900 });
    for (const event of [succeeded, failedFirst]) {
      await receiveStripeWebhook({ rawBody: event.payload, signature: stripe.signature(event.payload) });
    }
    // Both stored; the older failure is applied after the success it preceded.
    await processStripeWebhooks();
    expect(await invoiceRow(invoice.id)).toMatchObject({ status: "paid", amountDueCents: 0 });
    const recorded = await paymentsOf(invoice.id);
    expect(recorded.map((payment) => payment.status)).toEqual(["succeeded"]);
    const rows = await db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.source, "stripe"), eq(webhookEvents.id, failedFirst.id)));
    expect(rows[0]?.status).toBe("processed");
  });
});
