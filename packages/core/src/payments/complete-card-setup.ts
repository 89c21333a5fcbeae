import { db, type Executor } from "@pp/db";
import { stripeCustomers } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import type { AuditContext, AuditEventInput } from "../audit/record-audit-event";
import { AppError } from "../errors";
import { saveCard } from "./save-card";
import { cardPaymentsOff } from "./start-card-setup";
import { isStripeUnreachable, type Stripe, stripeClient } from "./stripe-client";

export type CompleteCardSetupOptions = {
  tenantId: string;
  /** The `session_id` Stripe put on our success URL: only a lookup key, the answer comes from Stripe. */
  sessionId: string;
  actor?: AuditEventInput["actor"];
  context?: AuditContext;
};

/**
 * The owner is back from Checkout: asks Stripe (server to server) whether that session of this
 * tenant's own customer really saved a card, and keeps it. A session of another customer is a 404;
 * the webhook saves the same card too, whichever comes first.
 */
export async function completeCardSetup(
  options: CompleteCardSetupOptions,
  executor: Executor = db,
): Promise<{ saved: boolean; last4: string | null }> {
  const stripe = stripeClient();
  if (!stripe) throw cardPaymentsOff();
  const [link] = await executor
    .select()
    .from(stripeCustomers)
    .where(and(eq(stripeCustomers.tenantId, options.tenantId)));
  if (!link) throw new AppError("not_found", "Checkout session not found");
  let session: Stripe.Checkout.Session;
  try {
    session = await stripe.checkout.sessions.retrieve(options.sessionId, {
      expand: ["setup_intent", "setup_intent.payment_method"],
    });
  } catch (error) {
    if (isStripeUnreachable(error)) {
      throw new AppError("unavailable", "Stripe could not be reached — your card will appear here shortly", {
        cause: error,
      });
    }
    throw new AppError("not_found", "Checkout session not found", { cause: error });
  }
  const customerId = typeof session.customer === "string" ? session.customer : session.customer?.id;
  if (customerId !== link.customerId || session.mode !== "setup") {
    throw new AppError("not_found", "Checkout session not found");
  }
  const intent = session.setup_intent;
  if (!intent || typeof intent === "string" || intent.status !== "succeeded") return { saved: false, last4: null };
  const paymentMethod = intent.payment_method;
  if (!paymentMethod || typeof paymentMethod === "string") return { saved: false, last4: null };
  await saveCard(
    {
      customerId: link.customerId,
      paymentMethod,
      setAt: new Date(intent.created * 1000),
      onTie: "replace",
      actor: options.actor,
      context: options.context,
    },
    executor,
  );
  return { saved: true, last4: paymentMethod.card?.last4 ?? null };
}
