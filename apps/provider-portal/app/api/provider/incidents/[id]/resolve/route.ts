import { resolveIncident } from "@pp/core/incidents/resolve-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentIdParams, ZResolveIncidentBody } from "../schema";

// POST /api/provider/incidents/[id]/resolve – resolve with a resolution note; stops the resolve clock.
export const POST = compose(
  { route: "/api/provider/incidents/[id]/resolve" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentIdParams, body: ZResolveIncidentBody }),
)(async (ctx) =>
  json(
    await resolveIncident({ ...ctx.body, incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) }),
  ),
);
