import { reactivateSubscription } from "@pp/core/subscriptions/reactivate-subscription";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZSubscriptionParams } from "./schema";

// POST /api/provider/subscriptions/[id]/reactivate – Reactivate a canceled subscription, or withdraw a cancellation scheduled for period end.
export const POST = compose(
  { route: "/api/provider/subscriptions/[id]/reactivate" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ params: ZSubscriptionParams }),
)(async (ctx) =>
  json(
    await reactivateSubscription({
      subscriptionId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
