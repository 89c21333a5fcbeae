import { resumeIncident } from "@pp/core/incidents/resume-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentIdParams } from "../schema";

// POST /api/provider/incidents/[id]/resume – stop waiting on the customer; the resolve clock runs again.
export const POST = compose(
  { route: "/api/provider/incidents/[id]/resume" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentIdParams }),
)(async (ctx) =>
  json(await resumeIncident({ incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) })),
);
