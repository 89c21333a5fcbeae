import { bulkUpdateIncidents } from "@pp/core/incidents/bulk-update-incidents";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZBulkUpdateIncidentsBody } from "../schema";

// POST /api/provider/incidents/bulk – acknowledge, assign or resolve up to 100 incidents; one result per incident.
export const POST = compose(
  { route: "/api/provider/incidents/bulk" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ body: ZBulkUpdateIncidentsBody }),
)(async (ctx) => json(await bulkUpdateIncidents({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
