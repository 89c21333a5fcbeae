import { db, type Executor } from "@pp/db";
import { payments, stripeCustomers } from "@pp/db/schema";
import { and, count, eq } from "drizzle-orm";
import type { Invoice } from "../billing/recompute-invoice-totals";
import type { ChargeInvoice, ChargeResult } from "../billing/run-payment-retries";
import { declineWithoutProcessor } from "../billing/run-payment-retries";
import { rootLogger } from "../logger";
import { declineMessage } from "./decline-message";
import { isStripeUnreachable, Stripe, stripeClient } from "./stripe-client";

export type CardCharge =
  | { kind: "succeeded"; paymentIntentId: string }
  | { kind: "declined"; reason: string; paymentIntentId?: string }
  /** Stripe never answered: nothing is recorded; the same attempt (same idempotency key) is made again later. */
  | { kind: "unreachable"; message: string }
  | { kind: "no_card" };

/**
 * Charges what the invoice still has due to the tenant's saved card: one off-session PaymentIntent,
 * confirmed at once. The idempotency key is the invoice id and the attempt number (recorded attempts
 * + 1), so a request repeated after Stripe went silent returns the first answer instead of charging
 * again; a recorded failure moves the next attempt to a new key.
 */
export async function chargeInvoiceByCard(options: { invoice: Invoice }, executor: Executor = db): Promise<CardCharge> {
  const { invoice } = options;
  const stripe = stripeClient();
  if (!stripe) return { kind: "no_card" };
  const [card] = await executor.select().from(stripeCustomers).where(eq(stripeCustomers.tenantId, invoice.tenantId));
  if (!card?.paymentMethodId) return { kind: "no_card" };
  const [recorded] = await executor
    .select({ n: count() })
    .from(payments)
    .where(and(eq(payments.invoiceId, invoice.id), eq(payments.tenantId, invoice.tenantId)));
  const attempt = (recorded?.n ?? 0) + 1;
  try {
    const intent = await stripe.paymentIntents.create(
      {
        amount: invoice.amountDueCents,
        currency: invoice.currency.toLowerCase(),
        customer: card.customerId,
        payment_method: card.paymentMethodId,
        off_session: true,
        confirm: true,
        description: `Invoice ${invoice.number}`,
        metadata: { invoiceId: invoice.id, tenantId: invoice.tenantId, attempt: String(attempt) },
      },
      { idempotencyKey: `invoice-${invoice.id}-attempt-${attempt}` },
    );
    if (intent.status === "succeeded") return { kind: "succeeded", paymentIntentId: intent.id };
    // requires_action and the like: the bank wants the cardholder present, which an off-session charge is not.
    return {
      kind: "declined",
      reason: declineMessage(intent.last_payment_error?.decline_code ?? "authentication_required"),
      paymentIntentId: intent.id,
    };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      return {
        kind: "declined",
        reason: declineMessage(error.decline_code ?? error.code),
        paymentIntentId: error.payment_intent?.id,
      };
    }
    if (isStripeUnreachable(error)) {
      rootLogger().warn({ err: error, invoiceId: invoice.id }, "Stripe did not answer a charge; it is retried later");
      return { kind: "unreachable", message: "Stripe could not be reached" };
    }
    // Refused for another reason (a card removed at Stripe, a changed amount under an old key): recorded as a
    // failed attempt, so the next one gets a new key and one bad invoice never stops a Payment Retries run.
    if (error instanceof Stripe.errors.StripeError) {
      rootLogger().warn({ err: error, invoiceId: invoice.id }, "Stripe refused a charge");
      return { kind: "declined", reason: `Card payment failed — ${(error.code ?? error.type).replaceAll("_", " ")}` };
    }
    throw error;
  }
}

/** Payment Retries' charge step: the saved card when Stripe is configured, else today's "no payment method". */
export function cardCharger(): ChargeInvoice {
  if (!stripeClient()) return declineWithoutProcessor;
  return async ({ invoice }): Promise<ChargeResult> => {
    const charge = await chargeInvoiceByCard({ invoice });
    switch (charge.kind) {
      case "succeeded":
        return { ok: true, externalId: charge.paymentIntentId };
      case "declined":
        return { ok: false, reason: charge.reason, externalId: charge.paymentIntentId };
      case "unreachable":
        return { ok: false, reason: charge.message, retryLater: true };
      case "no_card":
        return { ok: false, reason: "no_payment_method" };
    }
  };
}
