import { changeSubscriptionPlan } from "@pp/core/subscriptions/change-subscription-plan";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZBody, ZSubscriptionParams } from "./schema";

// POST /api/provider/subscriptions/[id]/change – Change plan or quantity: upgrades now with a prorated line, downgrades at period end unless `when=now`.
export const POST = compose(
  { route: "/api/provider/subscriptions/[id]/change" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ params: ZSubscriptionParams, body: ZBody }),
)(async (ctx) =>
  json(
    await changeSubscriptionPlan({
      ...ctx.body,
      subscriptionId: ctx.params.id,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
