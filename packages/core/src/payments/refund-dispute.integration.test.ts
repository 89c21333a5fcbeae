// Issue #17 item 2 (last part): an approved dispute on a lead whose invoice was paid by card can be
// refunded to that card instead of credited. Real stripe SDK against the stand-in, real PostgreSQL;
// every figure is computed by hand in the comment beside it.
import { db } from "@pp/db";
import { createDispute, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, emailOutbox, invoices, leadDisputes, refunds, tenantCredits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectStripeStandIn, disconnectStripeStandIn } from "../../../../tooling/stripe-stand-in/connect";
import type { StripeStandIn } from "../../../../tooling/stripe-stand-in/server";
import { issueInvoice } from "../billing/issue-invoice";
import { leadBilledAmount, openCreditCents } from "../billing/lead-billed-amount";
import { recordPayment } from "../billing/record-payment";
import { APRIL, basicClient, leadFor, MARCH } from "../billing/testing";
import { decideDispute } from "../leads/decide-dispute";
import { getProviderLead } from "../leads/get-provider-lead";
import { rejection, signedInStaff } from "../staff/testing";
import { chargeNewInvoices } from "./charge-new-invoices";
import { completeCardSetup } from "./complete-card-setup";
import { processStripeWebhooks } from "./process-stripe-webhooks";
import { receiveStripeWebhook } from "./receive-stripe-webhook";
import { startCardSetup } from "./start-card-setup";

const WEBHOOK_SECRET = "whsec_refund_secret";
const OWNER = { kind: "system", label: "test-owner" } as const;
const ISSUED = new Date("2025-04-01T06:00:00Z");
const DECIDED = new Date("2025-04-03T12:00:00Z");
const MAY_ISSUE = new Date("2025-05-01T06:00:00Z");

let stripe: StripeStandIn;

beforeAll(async () => {
  await ensureReferenceData(db);
  stripe = await connectStripeStandIn(WEBHOOK_SECRET);
});

afterAll(async () => {
  await disconnectStripeStandIn(stripe);
});

async function saveCard(tenantId: string) {
  const { url } = await startCardSetup({ tenantId, actor: OWNER });
  const submitted = await fetch(url, {
    method: "POST",
    body: new URLSearchParams({ number: "4242424242424242", exp_month: "12", exp_year: "2030" }),
    redirect: "manual",
  });
  const sessionId = new URL(submitted.headers.get("location") ?? "").searchParams.get("session_id") ?? "";
  return completeCardSetup({ tenantId, sessionId, actor: OWNER });
}

/**
 * A client whose March invoice — $99.00 plan + $35.00 drain-cleaning lead = $134.00 — was paid by
 * card, and a pending dispute of that lead.
 */
async function paidByCard(name: string) {
  const { tenant } = await basicClient(name);
  await saveCard(tenant.id);
  const lead = await leadFor(tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"));
  const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
  expect(march.totalCents).toBe(13_400);
  await chargeNewInvoices({ now: ISSUED });
  expect(await invoiceRow(march.id)).toMatchObject({ status: "paid", amountPaidCents: 13_400, amountDueCents: 0 });
  const dispute = await createDispute(db, { leadId: lead.id });
  const { actor } = await signedInStaff("support");
  return { tenant, lead, march, dispute, actor };
}

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error("invoice missing");
  return row;
}

const refundsOf = (tenantId: string) => db.select().from(refunds).where(eq(refunds.tenantId, tenantId));
const creditsOf = (tenantId: string) => db.select().from(tenantCredits).where(eq(tenantCredits.tenantId, tenantId));
const disputeStatus = async (id: string) =>
  (await db.select().from(leadDisputes).where(eq(leadDisputes.id, id)))[0]?.status;
const standInRefundsOf = (paymentIntentId: string | null | undefined) =>
  stripe.refunds().filter((refund) => refund.payment_intent === paymentIntentId);

async function deliverLatest(type: string) {
  const event = stripe.events.filter((candidate) => candidate.type === type).at(-1);
  if (!event) throw new Error(`no ${type} event`);
  return receiveStripeWebhook({ rawBody: event.payload, signature: stripe.signature(event.payload) });
}

describe("refund to card on a dispute decision", () => {
  it("refunds the $35.00 billed to the card that paid it; the credit is refunded, not also open or applied", async () => {
    const { tenant, lead, march, dispute, actor } = await paidByCard("Refund Rooter");
    // The lead page offers the card, as the Action Center does.
    expect((await getProviderLead({ leadId: lead.id })).billing.refundableByCard).toBe(true);
    const decision = await decideDispute({
      leadId: lead.id,
      decision: "approve",
      settlement: "refund_to_card",
      note: "Wrong address",
      actor,
      now: DECIDED,
    });
    expect(decision).toMatchObject({
      status: "approved",
      creditCents: 3_500,
      billingState: "paid_invoice",
      settlement: "refund_to_card",
      summary: "Dispute approved — $35.00 refunded to the Visa card ending 4242",
    });

    // Stripe refunded exactly $35.00 of the $134.00 charge, once, keyed by the dispute.
    const [ourRefund] = await refundsOf(tenant.id);
    expect(ourRefund).toMatchObject({
      amountCents: 3_500,
      currency: "USD",
      status: "succeeded",
      leadDisputeId: dispute.id,
      invoiceId: march.id,
    });
    expect(decision.refundId).toBe(ourRefund?.id);
    const atStripe = stripe.refunds().filter((refund) => refund.id === ourRefund?.stripeRefundId);
    expect(atStripe.map((refund) => refund.amount)).toEqual([3_500]);
    const refundCall = stripe.requests.filter((request) => request.path === "/v1/refunds");
    expect(refundCall.map((request) => request.idempotencyKey)).toEqual([`lead-dispute-${dispute.id}-refund`]);

    // The $35.00 credit exists once and is marked refunded: $0 open, nothing applied.
    const credits = await creditsOf(tenant.id);
    expect(credits.map((credit) => [credit.amountCents, credit.refundId, credit.appliedInvoiceId])).toEqual([
      [3_500, ourRefund?.id, null],
    ]);
    expect(await openCreditCents(db, tenant.id)).toBe(0);
    // Billed $35, credited (refunded) $35: net $0 — a second credit or refund finds nothing to give.
    expect(await leadBilledAmount(db, { tenantId: tenant.id, leadId: lead.id })).toEqual({
      chargedCents: 3_500,
      creditedCents: 3_500,
      netCents: 0,
    });
    // The paid invoice is untouched: the payment happened, and the refund row says what went back.
    expect(await invoiceRow(march.id)).toMatchObject({ status: "paid", totalCents: 13_400, amountPaidCents: 13_400 });
    // April's invoice is the $99.00 plan alone: the refunded $35.00 is not applied again ($64.00 would be).
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: MAY_ISSUE });
    expect(april).toMatchObject({ totalCents: 9_900, creditCents: 0 });

    // The tenant is told where the money went; the decision is audited with the refund.
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenant.id), eq(emailOutbox.kind, "lead_dispute_decided")));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain(
      "We refunded $35.00 to the Visa card ending 4242; banks usually show it within 5–10 business days.",
    );
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "lead.dispute_approved"), eq(auditEvents.targetId, lead.id)));
    expect(audit?.after).toMatchObject({
      settlement: "refund_to_card",
      creditCents: 3_500,
      refund: { id: ourRefund?.id, stripeRefundId: ourRefund?.stripeRefundId, status: "succeeded" },
    });

    // charge.refunded, twice: reconciled once (no second row), and a repeat decision is a 409.
    await deliverLatest("charge.refunded");
    await deliverLatest("charge.refunded");
    await processStripeWebhooks();
    expect((await refundsOf(tenant.id)).map((row) => [row.id, row.status])).toEqual([[ourRefund?.id, "succeeded"]]);
    const again = await rejection(
      decideDispute({ leadId: lead.id, decision: "approve", settlement: "refund_to_card", actor, now: DECIDED }),
    );
    expect(again.code).toBe("conflict");
    expect(stripe.refunds().filter((refund) => refund.id === ourRefund?.stripeRefundId)).toHaveLength(1);
  });

  it("Stripe unreachable: nothing is decided (503); a refund made but unreported is not made twice on retry", async () => {
    const { tenant, lead, dispute, actor, march } = await paidByCard("Offline Refund Plumbing");
    const decide = () =>
      decideDispute({ leadId: lead.id, decision: "approve", settlement: "refund_to_card", actor, now: DECIDED });
    const [chargedIntent] = stripe.paymentIntents().filter((intent) => {
      const metadata = intent.metadata as Record<string, string>;
      return metadata.invoiceId === march.id;
    });

    stripe.setOffline(true);
    const down = await rejection(decide());
    expect(down.code).toBe("unavailable");
    expect(down.message).toContain("Stripe could not be reached, so the dispute was not decided");
    expect(await disputeStatus(dispute.id)).toBe("pending");
    expect(await creditsOf(tenant.id)).toEqual([]);
    expect(await refundsOf(tenant.id)).toEqual([]);

    // Stripe refunds but the answer is lost: still nothing written here…
    stripe.setOffline("answer_lost");
    expect((await rejection(decide())).code).toBe("unavailable");
    expect(await disputeStatus(dispute.id)).toBe("pending");
    expect(await creditsOf(tenant.id)).toEqual([]);
    expect(standInRefundsOf(chargedIntent?.id)).toHaveLength(1);
    // …and its charge.refunded webhook records the refund with no dispute yet.
    await deliverLatest("charge.refunded");
    await processStripeWebhooks();
    expect((await refundsOf(tenant.id)).map((row) => [row.amountCents, row.leadDisputeId])).toEqual([[3_500, null]]);

    // Back online: the same key returns the same refund, now tied to the dispute; one $35.00 refund in all.
    stripe.setOffline(false);
    const decision = await decide();
    expect(decision.summary).toBe("Dispute approved — $35.00 refunded to the Visa card ending 4242");
    expect(standInRefundsOf(chargedIntent?.id)).toHaveLength(1);
    const rows = await refundsOf(tenant.id);
    expect(rows.map((row) => [row.amountCents, row.leadDisputeId, row.id])).toEqual([
      [3_500, dispute.id, decision.refundId],
    ]);
    expect((await creditsOf(tenant.id)).map((credit) => [credit.amountCents, credit.refundId])).toEqual([
      [3_500, decision.refundId],
    ]);
  });

  it("a refund Stripe later reports failed gives the $35.00 back as open account credit", async () => {
    const { tenant, lead, actor } = await paidByCard("Failed Refund Drains");
    const decision = await decideDispute({
      leadId: lead.id,
      decision: "approve",
      settlement: "refund_to_card",
      actor,
      now: DECIDED,
    });
    const [row] = await refundsOf(tenant.id);
    const charged = stripe.events.filter((event) => event.type === "charge.refunded").at(-1);
    const charge = JSON.parse(charged?.payload ?? "{}").data.object;
    // Stripe's later word on the same refund: failed (the card was closed).
    const failed = stripe.emit("charge.refunded", {
      ...charge,
      amount_refunded: 0,
      refunds: { object: "list", data: [{ ...charge.refunds.data[0], status: "failed" }], has_more: false },
    });
    await receiveStripeWebhook({ rawBody: failed.payload, signature: stripe.signature(failed.payload) });
    await processStripeWebhooks();
    expect((await refundsOf(tenant.id)).map((refund) => [refund.id, refund.status])).toEqual([
      [decision.refundId, "failed"],
    ]);
    expect(row?.status).toBe("succeeded");
    // The credit is open again (not refunded, not applied); April's invoice takes it: $99.00 − $35.00 = $64.00.
    expect(await openCreditCents(db, tenant.id)).toBe(3_500);
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: MAY_ISSUE });
    expect(april).toMatchObject({ totalCents: 6_400, creditCents: 3_500 });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "invoice.card_refund_failed"), eq(auditEvents.tenantId, tenant.id)));
    expect(audit?.after).toMatchObject({ refundStatus: "failed", refundId: decision.refundId });
  });

  it("is refused (422, nothing decided) unless the lead's invoice was paid by card; credit stays the default", async () => {
    const { tenant } = await basicClient("Cash Paying Plumbing");
    const { actor } = await signedInStaff("support");
    const lead = await leadFor(tenant, "water_heater", new Date("2025-03-04T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    // Paid by hand (a bank transfer staff recorded): $99.00 + $65.00 = $164.00.
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, now: ISSUED });
    const dispute = await createDispute(db, { leadId: lead.id });
    expect((await getProviderLead({ leadId: lead.id })).billing.refundableByCard).toBe(false);
    const refused = await rejection(
      decideDispute({ leadId: lead.id, decision: "approve", settlement: "refund_to_card", actor, now: DECIDED }),
    );
    expect(refused.code).toBe("unprocessable");
    expect(refused.message).toContain("Refund to card is only offered");
    expect(await disputeStatus(dispute.id)).toBe("pending");
    expect(await creditsOf(tenant.id)).toEqual([]);

    // A rejection is never refunded.
    const rejected = await rejection(
      decideDispute({
        leadId: lead.id,
        decision: "reject",
        note: "Valid lead",
        settlement: "refund_to_card",
        actor,
        now: DECIDED,
      }),
    );
    expect(rejected.code).toBe("validation_failed");

    // The default is account credit: $65.00 open for the next invoice.
    const credited = await decideDispute({ leadId: lead.id, decision: "approve", actor, now: DECIDED });
    expect(credited).toMatchObject({ settlement: "credit", refundId: null, creditCents: 6_500 });
    expect(await openCreditCents(db, tenant.id)).toBe(6_500);
  });

  it("is refused on a lead whose card-charged invoice is still open (the credit goes on that invoice)", async () => {
    const { tenant } = await basicClient("Open Invoice Rooter");
    const { actor } = await signedInStaff("support");
    const lead = await leadFor(tenant, "leak_repair", new Date("2025-03-05T10:00:00Z"));
    await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED });
    await createDispute(db, { leadId: lead.id });
    expect((await getProviderLead({ leadId: lead.id })).billing.refundableByCard).toBe(false);
    const refused = await rejection(
      decideDispute({ leadId: lead.id, decision: "approve", settlement: "refund_to_card", actor, now: DECIDED }),
    );
    expect(refused.code).toBe("unprocessable");
  });
});
