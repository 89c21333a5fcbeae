import { receiveStripeWebhook } from "@pp/core/payments/receive-stripe-webhook";
import { sendJobNow } from "@pp/core/runtime/start-app-runtime";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, readBodyText } from "@/lib/kit";

// POST /api/webhooks/stripe – Stripe's server calls this: authenticated by the Stripe-Signature over the
// raw body (no session, so no Origin/CSRF check), stored once per event id, applied by a pg-boss job.
export const POST = compose({ route: "/api/webhooks/stripe" })(async (ctx) => {
  const received = await receiveStripeWebhook({
    rawBody: await readBodyText(ctx.request),
    signature: ctx.request.headers.get("stripe-signature"),
  });
  if (received.stored) sendJobNow("payments.stripe-webhooks");
  ctx.log.info({ stripeEvent: received.eventId, type: received.type, duplicate: !received.stored }, "Stripe event");
  return json({ received: true, duplicate: !received.stored });
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
