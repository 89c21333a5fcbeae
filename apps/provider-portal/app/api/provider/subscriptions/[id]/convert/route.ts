import { convertTrial } from "@pp/core/subscriptions/convert-trial";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZSubscriptionParams } from "./schema";

// POST /api/provider/subscriptions/[id]/convert – Trial → active: the first paid period starts now.
export const POST = compose(
  { route: "/api/provider/subscriptions/[id]/convert" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ params: ZSubscriptionParams }),
)(async (ctx) =>
  json(
    await convertTrial({
      subscriptionId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
