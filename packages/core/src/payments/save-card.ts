import { db, type Executor } from "@pp/db";
import { stripeCustomers } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, type AuditEventInput, recordAuditEvent } from "../audit/record-audit-event";
import type { Stripe } from "./stripe-client";

export type SaveCardOptions = {
  customerId: string;
  paymentMethod: Stripe.PaymentMethod;
  /** When the setup that produced this card happened at Stripe (its `created`). */
  setAt: Date;
  /**
   * Stripe's times are whole seconds, so two setups can share one. The owner just back from Checkout
   * ("replace") wins such a tie; a webhook ("keep", the default) never replaces a card on a tie.
   */
  onTie?: "keep" | "replace";
  actor?: AuditEventInput["actor"];
  context?: AuditContext;
};

export type SaveCardResult = "saved" | "unchanged" | "older" | "unknown_customer" | "not_a_card";

/**
 * Keeps the card Stripe confirmed for one of our customers: brand, last 4 and expiry (never the card
 * itself). The return page and the webhooks may both report the same card, in any order: the same card
 * again changes nothing, and a setup older than the stored one never replaces it.
 */
export async function saveCard(options: SaveCardOptions, executor: Executor = db): Promise<SaveCardResult> {
  const card = options.paymentMethod.card;
  if (!card) return "not_a_card";
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(stripeCustomers)
      .where(eq(stripeCustomers.customerId, options.customerId))
      .for("update");
    if (!row) return "unknown_customer";
    if (row.paymentMethodId === options.paymentMethod.id) return "unchanged";
    const stored = row.cardSetAt?.getTime();
    const setAt = options.setAt.getTime();
    if (stored !== undefined && (stored > setAt || (stored === setAt && options.onTie !== "replace"))) return "older";
    const after = { brand: card.brand, last4: card.last4, expMonth: card.exp_month, expYear: card.exp_year };
    await tx
      .update(stripeCustomers)
      .set({
        paymentMethodId: options.paymentMethod.id,
        cardBrand: card.brand,
        cardLast4: card.last4,
        cardExpMonth: card.exp_month,
        cardExpYear: card.exp_year,
        cardSetAt: options.setAt,
        updatedAt: new Date(),
      })
      .where(eq(stripeCustomers.id, row.id));
    await recordAuditEvent(
      {
        actor: options.actor ?? { kind: "system", label: "stripe" },
        action: row.paymentMethodId ? "payment_method.replaced" : "payment_method.added",
        tenantId: row.tenantId,
        target: { type: "tenant", id: row.tenantId },
        before: row.cardLast4 ? { brand: row.cardBrand, last4: row.cardLast4 } : undefined,
        after,
        context: options.context,
      },
      tx,
    );
    return "saved";
  });
}
