import { resolveIncident } from "@pp/core/incidents/resolve-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
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

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
