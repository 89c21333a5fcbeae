import { extendSubscription } from "@pp/core/subscriptions/extend-subscription";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZExtendSubscriptionBody, ZSubscriptionParams } from "./schema";

// POST /api/provider/subscriptions/[id]/extend – Extend a trial's end or a paying subscription's current period by N days.
export const POST = compose(
  { route: "/api/provider/subscriptions/[id]/extend" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ params: ZSubscriptionParams, body: ZExtendSubscriptionBody }),
)(async (ctx) =>
  json(
    await extendSubscription({
      ...ctx.body,
      subscriptionId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
