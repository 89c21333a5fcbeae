import { resumeIncident } from "@pp/core/incidents/resume-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
