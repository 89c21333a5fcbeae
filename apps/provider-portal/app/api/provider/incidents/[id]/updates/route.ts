import { addIncidentUpdate } from "@pp/core/incidents/add-incident-update";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZAddIncidentUpdateBody, ZIncidentIdParams } from "../schema";

// POST /api/provider/incidents/[id]/updates – add an internal note or a reply the customer reads (and gets by email).
export const POST = compose(
  { route: "/api/provider/incidents/[id]/updates" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ params: ZIncidentIdParams, body: ZAddIncidentUpdateBody }),
)(async (ctx) =>
  json(
    await addIncidentUpdate({ ...ctx.body, incidentId: ctx.params.id, actor: ctx.actor, context: auditContextOf(ctx) }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
