import { sendDigestNow } from "@pp/core/reports/send-digest";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withProviderAuth } from "@/lib/kit";

// POST /api/provider/reports/send-now – email the signed-in subscriber the next digest now (outside the schedule); audited.
export const POST = compose(
  { route: "/api/provider/reports/send-now" },
  withProviderAuth("revenue:read"),
  withIdempotency(),
)(async (ctx) => json(await sendDigestNow({ actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
