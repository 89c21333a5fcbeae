import { bulkUpdateIncidents } from "@pp/core/incidents/bulk-update-incidents";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZBulkUpdateIncidentsBody } from "../schema";

// POST /api/provider/incidents/bulk – acknowledge, assign or resolve up to 100 incidents; one result per incident.
export const POST = compose(
  { route: "/api/provider/incidents/bulk" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ body: ZBulkUpdateIncidentsBody }),
)(async (ctx) => json(await bulkUpdateIncidents({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));
