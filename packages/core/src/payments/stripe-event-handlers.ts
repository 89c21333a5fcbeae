import type { Executor } from "@pp/db";
import { invoices, payments, refunds, stripeCustomers, tenantCredits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event";
import { recordFailedPayment } from "../billing/record-failed-payment";
import { recordPayment } from "../billing/record-payment";
import { declineMessage } from "./decline-message";
import { recordCardDispute } from "./record-card-dispute";
import { refundStatusOf } from "./refund-credit-to-card";
import { saveCard } from "./save-card";
import type { Stripe } from "./stripe-client";

/** processed: applied, or already reflected; ignored: a type (or an object) we do not act on. */
export type HandlerOutcome = "processed" | "ignored";
type Handler = (input: { event: Stripe.Event; stripe: Stripe; tx: Executor }) => Promise<HandlerOutcome>;

const STRIPE = { kind: "system", label: "stripe" } as const;

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : value?.id);

/** The invoice a PaymentIntent of ours paid, locked: the synchronous charge and its webhook take turns. */
async function lockedInvoiceOf(tx: Executor, intent: Stripe.PaymentIntent) {
  const invoiceId = intent.metadata?.invoiceId;
  const tenantId = intent.metadata?.tenantId;
  if (!invoiceId || !tenantId) return undefined;
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId)))
    .for("update");
  return invoice;
}

async function paymentOf(tx: Executor, paymentIntentId: string, status?: "succeeded" | "failed") {
  const [payment] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.externalId, paymentIntentId), status ? eq(payments.status, status) : undefined))
    .limit(1);
  return payment;
}

/**
 * Keeps our record of one refund as Stripe reports it: a refund made in Stripe's dashboard is
 * recorded on its payment; a known one takes Stripe's status (never an earlier one, whatever the event order). A
 * refund that failed gives its dispute credit back to the account, so the cents stay open credit.
 */
async function reconcileRefund(tx: Executor, payment: typeof payments.$inferSelect, refund: Stripe.Refund) {
  const status = refundStatusOf(refund.status);
  await tx
    .insert(refunds)
    .values({
      tenantId: payment.tenantId,
      paymentId: payment.id,
      invoiceId: payment.invoiceId,
      amountCents: refund.amount,
      currency: refund.currency.toUpperCase(),
      status,
      stripeRefundId: refund.id,
    })
    .onConflictDoNothing({ target: refunds.stripeRefundId });
  const [known] = await tx.select().from(refunds).where(eq(refunds.stripeRefundId, refund.id)).for("update");
  if (!known || REFUND_STATUS_RANK[status] <= REFUND_STATUS_RANK[known.status]) return;
  await tx.update(refunds).set({ status, updatedAt: new Date() }).where(eq(refunds.id, known.id));
  if (status === "failed" || status === "canceled") {
    const released = await tx
      .update(tenantCredits)
      .set({ refundId: null })
      .where(and(eq(tenantCredits.refundId, known.id), eq(tenantCredits.tenantId, known.tenantId)))
      .returning({ id: tenantCredits.id, amountCents: tenantCredits.amountCents });
    await recordAuditEvent(
      {
        actor: STRIPE,
        action: "invoice.card_refund_failed",
        tenantId: known.tenantId,
        target: { type: "invoice", id: known.invoiceId },
        before: { refundStatus: known.status },
        after: { refundStatus: status, refundId: known.id, creditsReopened: released },
      },
      tx,
    );
  }
}

/** A refund only moves forward: pending → succeeded → failed (Stripe can fail a refund it reported succeeded). */
const REFUND_STATUS_RANK: Record<(typeof refunds.$inferSelect)["status"], number> = {
  pending: 0,
  requires_action: 0,
  succeeded: 1,
  failed: 2,
  canceled: 2,
};

/** A chargeback on one of our charges: kept as Stripe last reported it (open ones are an Action Center item). */
const applyCardDispute: Handler = async ({ event, tx }) => {
  const dispute = event.data.object as Stripe.Dispute;
  const paymentIntentId = idOf(dispute.payment_intent);
  const payment = paymentIntentId ? await paymentOf(tx, paymentIntentId, "succeeded") : undefined;
  if (!payment) return "ignored";
  await recordCardDispute({ dispute, eventCreatedAt: new Date(event.created * 1000), payment }, tx);
  return "processed";
};

const isPayable = (invoice: typeof invoices.$inferSelect) =>
  (invoice.status === "open" || invoice.status === "uncollectible") &&
  !invoice.writtenOffAt &&
  invoice.amountDueCents > 0;

/** Card set up through Checkout or elsewhere: keep it unless a newer setup was already kept. */
async function saveFromSetupIntent(stripe: Stripe, tx: Executor, intent: Stripe.SetupIntent): Promise<HandlerOutcome> {
  const customerId = idOf(intent.customer);
  const paymentMethodId = idOf(intent.payment_method);
  if (!customerId || !paymentMethodId || intent.status !== "succeeded") return "ignored";
  const paymentMethod =
    typeof intent.payment_method === "object" && intent.payment_method
      ? intent.payment_method
      : await stripe.paymentMethods.retrieve(paymentMethodId);
  const saved = await saveCard({ customerId, paymentMethod, setAt: new Date(intent.created * 1000) }, tx);
  return saved === "unknown_customer" || saved === "not_a_card" ? "ignored" : "processed";
}

export const STRIPE_EVENT_HANDLERS: Partial<Record<string, Handler>> = {
  "payment_intent.succeeded": async ({ event, tx }) => {
    const intent = event.data.object as Stripe.PaymentIntent;
    const invoice = await lockedInvoiceOf(tx, intent);
    if (!invoice) return "ignored";
    if (await paymentOf(tx, intent.id, "succeeded")) return "processed";
    // Paid some other way meanwhile (or written off): never pay it twice or reopen it; staff see the audit line.
    if (!isPayable(invoice)) {
      await recordAuditEvent(
        {
          actor: STRIPE,
          action: "invoice.card_payment_unapplied",
          tenantId: invoice.tenantId,
          target: { type: "invoice", id: invoice.id },
          after: { paymentIntentId: intent.id, amountCents: intent.amount_received, status: invoice.status },
        },
        tx,
      );
      return "processed";
    }
    await recordPayment(
      {
        tenantId: invoice.tenantId,
        invoiceId: invoice.id,
        amountCents: Math.min(intent.amount_received || intent.amount, invoice.amountDueCents),
        externalId: intent.id,
        actor: STRIPE,
      },
      tx,
    );
    return "processed";
  },

  "payment_intent.payment_failed": async ({ event, tx }) => {
    const intent = event.data.object as Stripe.PaymentIntent;
    const invoice = await lockedInvoiceOf(tx, intent);
    if (!invoice) return "ignored";
    // Already recorded (by the charge itself), or it succeeded after all (events can arrive out of order).
    if ((await paymentOf(tx, intent.id)) || !isPayable(invoice)) return "processed";
    const error = intent.last_payment_error;
    await recordFailedPayment(
      {
        tenantId: invoice.tenantId,
        invoiceId: invoice.id,
        reason: declineMessage(error?.decline_code ?? error?.code),
        externalId: intent.id,
        actor: STRIPE,
      },
      tx,
    );
    return "processed";
  },

  "charge.refunded": async ({ event, stripe, tx }) => {
    const charge = event.data.object as Stripe.Charge;
    const paymentIntentId = idOf(charge.payment_intent);
    const payment = paymentIntentId ? await paymentOf(tx, paymentIntentId, "succeeded") : undefined;
    if (!payment) return "ignored";
    // Newer API versions leave `refunds` off the charge: then ask Stripe for them.
    const listed = charge.refunds?.data ?? (await stripe.refunds.list({ charge: charge.id, limit: 100 })).data;
    for (const refund of listed) await reconcileRefund(tx, payment, refund);
    await recordAuditEvent(
      {
        actor: STRIPE,
        action: "invoice.card_refunded",
        tenantId: payment.tenantId,
        target: { type: "invoice", id: payment.invoiceId },
        after: { paymentId: payment.id, chargeId: charge.id, amountRefundedCents: charge.amount_refunded },
      },
      tx,
    );
    return "processed";
  },

  "charge.dispute.created": applyCardDispute,
  "charge.dispute.updated": applyCardDispute,
  "charge.dispute.closed": applyCardDispute,

  "setup_intent.succeeded": async ({ event, stripe, tx }) =>
    saveFromSetupIntent(stripe, tx, event.data.object as Stripe.SetupIntent),

  "checkout.session.completed": async ({ event, stripe, tx }) => {
    const session = event.data.object as Stripe.Checkout.Session;
    const setupIntentId = idOf(session.setup_intent);
    if (session.mode !== "setup" || !setupIntentId) return "ignored";
    const intent = await stripe.setupIntents.retrieve(setupIntentId, { expand: ["payment_method"] });
    return saveFromSetupIntent(stripe, tx, intent);
  },

  "customer.updated": async ({ event, stripe, tx }) => {
    const customer = event.data.object as Stripe.Customer;
    const [link] = await tx.select().from(stripeCustomers).where(eq(stripeCustomers.customerId, customer.id));
    const defaultMethod = idOf(customer.invoice_settings?.default_payment_method);
    if (!link || !defaultMethod || defaultMethod === link.paymentMethodId) return link ? "processed" : "ignored";
    // A card made the default in Stripe's dashboard is the one we charge from now on.
    const paymentMethod = await stripe.paymentMethods.retrieve(defaultMethod);
    await saveCard({ customerId: customer.id, paymentMethod, setAt: new Date(event.created * 1000) }, tx);
    return "processed";
  },
};
