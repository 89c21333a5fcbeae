import { escalateIncident } from "@pp/core/incidents/escalate-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZEscalateIncidentBody, ZIncidentParams } from "./schema";

// POST /api/provider/incidents/[id]/escalate – Escalate: escalation level +1 with a note, on the incident and the client timeline.
export const POST = compose(
  { route: "/api/provider/incidents/[id]/escalate" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentParams, body: ZEscalateIncidentBody }),
)(async (ctx) =>
  json(
    await escalateIncident({ ...ctx.body, incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
