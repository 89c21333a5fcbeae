import { changeSubscriptionPlan } from "@pp/core/subscriptions/change-subscription-plan";
import { auditContextOf } from "@pp/http/audit-context";
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
