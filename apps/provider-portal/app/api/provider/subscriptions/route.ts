import { startSubscription } from "@pp/core/subscriptions/start-subscription";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, created, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZStartSubscriptionBody } from "./schema";

// POST /api/provider/subscriptions – Start a subscription for a client with none current (plan, quantity, coupon, trial).
export const POST = compose(
  { route: "/api/provider/subscriptions" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ body: ZStartSubscriptionBody }),
)(async (ctx) => created(await startSubscription({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));
