import { setAlertSubscription } from "@pp/core/alerts/set-alert-subscription";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZAlertSubscriptionBody } from "./schema";

// POST /api/provider/reliability/alert-subscription – turn alert emails on or off for the signed-in staff member.
export const POST = compose(
  { route: "/api/provider/reliability/alert-subscription" },
  withProviderAuth("observability:read"),
  withIdempotency(),
  withInput({ body: ZAlertSubscriptionBody }),
)(async (ctx) =>
  json(await setAlertSubscription({ actor: ctx.actor, subscribed: ctx.body.subscribed, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
