import { convertTrial } from "@pp/core/subscriptions/convert-trial";
import { auditContextOf } from "@pp/http/audit-context";
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
