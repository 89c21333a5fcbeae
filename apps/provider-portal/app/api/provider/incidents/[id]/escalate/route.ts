import { escalateIncident } from "@pp/core/incidents/escalate-incident";
import { auditContextOf } from "@pp/http/audit-context";
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
