import { resetEnv } from "@pp/env";
import { type StripeStandIn, startStripeStandIn } from "./server";

/**
 * Starts the Stripe stand-in and points this process's Stripe settings at it (integration tests).
 * Events are kept by the stand-in and handed over by each test, in the order it wants.
 */
export async function connectStripeStandIn(webhookSecret: string): Promise<StripeStandIn> {
  const stripe = await startStripeStandIn({ webhookSecret, autoDeliver: false });
  process.env.STRIPE_SECRET_KEY = "sk_test_stand_in";
  process.env.STRIPE_WEBHOOK_SECRET = webhookSecret;
  process.env.STRIPE_API_BASE = stripe.url;
  resetEnv();
  return stripe;
}

/** Undoes connectStripeStandIn: Stripe settings cleared, the stand-in stopped. */
export async function disconnectStripeStandIn(stripe: StripeStandIn): Promise<void> {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_BASE;
  resetEnv();
  await stripe.close();
}
