import { db, type Executor } from "@pp/db";
import { webhookEvents } from "@pp/db/schema";
import { AppError } from "../errors";
import { type Stripe, stripeClient, stripeSettings } from "./stripe-client";

/** Stripe's own default: a signature older than five minutes is a replay. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type ReceivedWebhook = { eventId: string; type: string; stored: boolean };

/**
 * A delivery to POST /api/webhooks/stripe: the signature is checked over the raw body (stripe SDK,
 * 300 s tolerance) before anything is read or stored; a bad one is a 400 with nothing stored. A good
 * event is stored once under its id — a replay finds it and changes nothing — and a job processes it.
 */
export async function receiveStripeWebhook(
  options: { rawBody: string; signature: string | null },
  executor: Executor = db,
): Promise<ReceivedWebhook> {
  const secret = stripeSettings()?.webhookSecret;
  const stripe = stripeClient();
  if (!stripe || !secret) throw new AppError("not_found", "Stripe webhooks are not enabled");
  if (!options.signature) {
    throw new AppError("validation_failed", "Missing Stripe-Signature header", {
      details: [{ path: "stripe-signature", message: "is required" }],
    });
  }
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(options.rawBody, options.signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (error) {
    throw new AppError("validation_failed", "The Stripe signature does not match this body", {
      details: [{ path: "stripe-signature", message: "does not verify" }],
      cause: error,
    });
  }
  const stored = await executor
    .insert(webhookEvents)
    .values({
      id: event.id,
      source: "stripe",
      type: event.type,
      eventCreatedAt: new Date(event.created * 1000),
      payload: event,
      status: "pending",
    })
    .onConflictDoNothing({ target: webhookEvents.id })
    .returning({ id: webhookEvents.id });
  return { eventId: event.id, type: event.type, stored: stored.length > 0 };
}
