import type { Executor } from "@pp/db";
import { invoices, payments, refunds, stripeCustomers, tenantCredits } from "@pp/db/schema";
import { and, desc, eq, like, notInArray, sql } from "drizzle-orm";
import { AppError } from "../errors";
import { rootLogger } from "../logger";
import { isStripeUnreachable, Stripe, stripeClient } from "./stripe-client";

export type RefundableCardPayment = {
  paymentId: string;
  paymentIntentId: string;
  /** What the payment took minus what was already refunded (or is being refunded) from it. */
  refundableCents: number;
  card: { brand: string | null; last4: string | null } | null;
};

/** Refunds that did not (and will not) move money: they leave the payment refundable. */
const UNDONE_REFUND_STATUSES = ["failed", "canceled"] as const;

/**
 * The card payment on a paid invoice that a refund of `amountCents` can go back to: a succeeded
 * Stripe PaymentIntent with that much not yet refunded (the largest, when several paid it).
 * null: the invoice was not paid by card through Stripe, or card payments are off.
 */
export async function refundableCardPaymentOf(
  tx: Executor,
  input: { tenantId: string; invoiceId: string; amountCents: number },
): Promise<RefundableCardPayment | null> {
  if (!stripeClient()) return null;
  const refunded = tx
    .select({ paymentId: refunds.paymentId, cents: sql<number>`sum(${refunds.amountCents})::int`.as("cents") })
    .from(refunds)
    .where(and(eq(refunds.tenantId, input.tenantId), notInArray(refunds.status, [...UNDONE_REFUND_STATUSES])))
    .groupBy(refunds.paymentId)
    .as("refunded");
  const rows = await tx
    .select({
      paymentId: payments.id,
      paymentIntentId: payments.externalId,
      refundableCents: sql<number>`(${payments.amountCents} - coalesce(${refunded.cents}, 0))::int`,
      brand: stripeCustomers.cardBrand,
      last4: stripeCustomers.cardLast4,
    })
    .from(payments)
    .innerJoin(invoices, and(eq(invoices.id, payments.invoiceId), eq(invoices.tenantId, payments.tenantId)))
    .leftJoin(refunded, eq(refunded.paymentId, payments.id))
    .leftJoin(stripeCustomers, eq(stripeCustomers.tenantId, payments.tenantId))
    .where(
      and(
        eq(payments.tenantId, input.tenantId),
        eq(payments.invoiceId, input.invoiceId),
        eq(payments.status, "succeeded"),
        like(payments.externalId, "pi\\_%"),
        eq(invoices.status, "paid"),
      ),
    )
    .orderBy(desc(sql`${payments.amountCents} - coalesce(${refunded.cents}, 0)`), desc(payments.attemptedAt));
  const best = rows[0];
  if (!best?.paymentIntentId || best.refundableCents < input.amountCents || input.amountCents <= 0) return null;
  return {
    paymentId: best.paymentId,
    paymentIntentId: best.paymentIntentId,
    refundableCents: best.refundableCents,
    card: best.last4 ? { brand: best.brand, last4: best.last4 } : null,
  };
}

export type CardRefund = typeof refunds.$inferSelect & { card: RefundableCardPayment["card"] };

/**
 * Pays a dispute's tenant credit out to the card its invoice was paid with, in the caller's
 * transaction: one Stripe refund keyed by the dispute (`lead-dispute-<id>-refund`), a `refunds` row
 * tied to the payment, and the credit marked refunded (so it is never applied to an invoice too).
 * When Stripe does not answer or refuses, this throws and the caller's transaction — the whole
 * decision — rolls back; deciding again repeats the same key, so a refund Stripe made but could not
 * report is returned, not made twice.
 */
export async function refundCreditToCard(
  tx: Executor,
  input: { tenantId: string; invoiceId: string; creditId: string; leadDisputeId: string; now: Date },
): Promise<CardRefund> {
  const { tenantId, invoiceId, now } = input;
  const [credit] = await tx
    .select()
    .from(tenantCredits)
    .where(and(eq(tenantCredits.id, input.creditId), eq(tenantCredits.tenantId, tenantId)))
    .for("update");
  if (!credit || credit.appliedInvoiceId || credit.refundId) throw new Error("the credit to refund is not open");
  const stripe = stripeClient();
  const payment = await refundableCardPaymentOf(tx, { tenantId, invoiceId, amountCents: credit.amountCents });
  if (!stripe || !payment) {
    throw new AppError(
      "unprocessable",
      "Refund to card is only offered when the lead's invoice was paid by card — credit it to the account instead",
      { details: [{ path: "settlement", message: "the lead's invoice was not paid by card" }] },
    );
  }
  let refund: Stripe.Refund;
  try {
    refund = await stripe.refunds.create(
      {
        payment_intent: payment.paymentIntentId,
        amount: credit.amountCents,
        reason: "requested_by_customer",
        metadata: { tenantId, invoiceId, paymentId: payment.paymentId, leadDisputeId: input.leadDisputeId },
      },
      { idempotencyKey: `lead-dispute-${input.leadDisputeId}-refund` },
    );
  } catch (error) {
    if (isStripeUnreachable(error)) {
      rootLogger().warn({ err: error, invoiceId }, "Stripe did not answer a refund; the dispute stays pending");
      throw new AppError(
        "unavailable",
        "Stripe could not be reached, so the dispute was not decided — try again (the card is never refunded twice)",
        { cause: error },
      );
    }
    if (error instanceof Stripe.errors.StripeError) {
      throw new AppError("conflict", `Stripe refused the refund (${error.message}) — the dispute was not decided`, {
        cause: error,
      });
    }
    throw error;
  }
  // A `charge.refunded` webhook may have recorded this refund already (a decision retried after a
  // lost commit): then it is this dispute's refund, now tied to it.
  const [row] = await tx
    .insert(refunds)
    .values({
      tenantId,
      paymentId: payment.paymentId,
      invoiceId,
      leadDisputeId: input.leadDisputeId,
      amountCents: refund.amount,
      currency: refund.currency.toUpperCase(),
      status: refundStatusOf(refund.status),
      stripeRefundId: refund.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: refunds.stripeRefundId,
      set: { leadDisputeId: input.leadDisputeId, updatedAt: now },
    })
    .returning();
  if (!row) throw new Error("refund insert returned no row");
  if (row.amountCents !== credit.amountCents) {
    throw new Error(`Stripe refunded ${row.amountCents} cents for a credit of ${credit.amountCents}`);
  }
  await tx.update(tenantCredits).set({ refundId: row.id }).where(eq(tenantCredits.id, credit.id));
  return { ...row, card: payment.card };
}

/** Stripe's refund status as we keep it (an unknown future status counts as still pending). */
export function refundStatusOf(status: string | null): (typeof refunds.$inferSelect)["status"] {
  switch (status) {
    case "succeeded":
    case "failed":
    case "canceled":
    case "requires_action":
      return status;
    default:
      return "pending";
  }
}
