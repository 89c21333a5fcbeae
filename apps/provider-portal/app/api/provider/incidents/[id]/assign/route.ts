import { assignIncident } from "@pp/core/incidents/assign-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZAssignIncidentBody, ZIncidentIdParams } from "../schema";

// POST /api/provider/incidents/[id]/assign – assign (or unassign, null) to a staff member who works incidents.
export const POST = compose(
  { route: "/api/provider/incidents/[id]/assign" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentIdParams, body: ZAssignIncidentBody }),
)(async (ctx) =>
  json(
    await assignIncident({ ...ctx.body, incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) }),
  ),
);
