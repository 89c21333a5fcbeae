import { startSubscription } from "@pp/core/subscriptions/start-subscription";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZStartSubscriptionBody } from "./schema";

// POST /api/provider/subscriptions – Start a subscription for a client with none current (plan, quantity, coupon, trial).
export const POST = compose(
  { route: "/api/provider/subscriptions" },
  withProviderAuth("billing:write"),
  withIdempotency(),
  withInput({ body: ZStartSubscriptionBody }),
)(async (ctx) => created(await startSubscription({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
