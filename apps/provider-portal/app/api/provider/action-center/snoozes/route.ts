import { snoozeActionItem } from "@pp/core/action-center/snooze-action-item";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZSnoozeBody } from "./schema";

// POST /api/provider/action-center/snoozes – Snooze an item until a date, with a reason (the bucket's write permission applies).
export const POST = compose(
  { route: "/api/provider/action-center/snoozes" },
  withProviderAuth("tenants:read"),
  withIdempotency(),
  withInput({ body: ZSnoozeBody }),
)(async (ctx) => json(await snoozeActionItem({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
