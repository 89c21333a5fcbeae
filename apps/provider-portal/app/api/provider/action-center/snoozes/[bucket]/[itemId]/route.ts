import { unsnoozeActionItem } from "@pp/core/action-center/unsnooze-action-item";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, noContent, withInput, withProviderAuth } from "@/lib/kit";
import { ZUnsnoozeParams } from "./schema";

// DELETE /api/provider/action-center/snoozes/[bucket]/[itemId] – Un-snooze: the item is back in its queue (the bucket's write permission applies); audited.
export const DELETE = compose(
  { route: "/api/provider/action-center/snoozes/[bucket]/[itemId]" },
  withProviderAuth("tenants:read"),
  withInput({ params: ZUnsnoozeParams }),
)(async (ctx) => {
  await unsnoozeActionItem({ ...ctx.params, actor: ctx.actor, context: auditContextOf(ctx) });
  return noContent();
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, PATCH, OPTIONS } = methodNotAllowed({ DELETE });
