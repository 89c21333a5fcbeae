import { reopenIncident } from "@pp/core/incidents/reopen-incident";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentIdParams, ZReopenIncidentBody } from "../schema";

// POST /api/provider/incidents/[id]/reopen – reopen a resolved incident with a reason; the resolve clock continues.
export const POST = compose(
  { route: "/api/provider/incidents/[id]/reopen" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentIdParams, body: ZReopenIncidentBody }),
)(async (ctx) =>
  json(
    await reopenIncident({ ...ctx.body, incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
