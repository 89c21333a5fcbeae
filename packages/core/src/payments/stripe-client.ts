import { env, type StripeSettings } from "@pp/env";
import Stripe from "stripe";

let cached: { key: string; client: Stripe } | undefined;

/** Card payments are on only when STRIPE_SECRET_KEY is set; everything in payments/ asks here first. */
export function stripeSettings(): StripeSettings | null {
  return env().stripe;
}

/** The Stripe SDK for this process, or null when card payments are off. */
export function stripeClient(): Stripe | null {
  const settings = stripeSettings();
  if (!settings) return null;
  const key = `${settings.secretKey}|${settings.api?.host}:${settings.api?.port}`;
  if (cached?.key !== key) {
    cached = {
      key,
      client: new Stripe(settings.secretKey, {
        ...settings.api,
        // Our own idempotency keys and retry schedule decide when a charge is tried again.
        maxNetworkRetries: 0,
        timeout: 20_000,
        telemetry: false,
      }),
    };
  }
  return cached.client;
}

/** Whether an SDK error means Stripe never gave an answer (network, timeout, its own 5xx): try again later. */
export function isStripeUnreachable(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error.statusCode ?? 0) >= 500
  );
}

export { Stripe };
