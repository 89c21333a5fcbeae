import { assignIncident } from "@pp/core/incidents/assign-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
