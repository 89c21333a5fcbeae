import { snoozeActionItem } from "@pp/core/action-center/snooze-action-item";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZSnoozeBody } from "./schema";

// POST /api/provider/action-center/snoozes – Snooze an item until a date, with a reason (the bucket's write permission applies).
export const POST = compose(
  { route: "/api/provider/action-center/snoozes" },
  withProviderAuth("tenants:read"),
  withIdempotency(),
  withInput({ body: ZSnoozeBody }),
)(async (ctx) => json(await snoozeActionItem({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));
