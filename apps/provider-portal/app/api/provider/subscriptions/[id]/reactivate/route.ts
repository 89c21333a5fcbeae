import { reactivateSubscription } from "@pp/core/subscriptions/reactivate-subscription";
import { auditContextOf } from "@pp/http/audit-context";
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
