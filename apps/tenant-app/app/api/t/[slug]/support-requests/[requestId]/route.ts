import { getIncidentOrThrow } from "@pp/core/incidents/get-incident-or-throw";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withTenantAuth } from "@/lib/kit";
import { ZSupportRequestParams } from "../schema";

// GET /api/t/[slug]/support-requests/[requestId] – one of this tenant's requests: status and the updates they may see.
export const GET = compose(
  { route: "/api/t/[slug]/support-requests/[requestId]" },
  withTenantAuth(),
  withInput({ params: ZSupportRequestParams }),
)(async (ctx) => {
  const { incident, events } = await getIncidentOrThrow({ incidentId: ctx.params.requestId, tenantId: ctx.tenantId });
  return json({
    id: incident.id,
    subject: incident.title,
    description: incident.description,
    severity: incident.severity,
    status: incident.status,
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt,
    resolutionNote: incident.resolutionNote,
    updates: events.map((event) => ({ kind: event.kind, note: event.note, by: event.actorName, at: event.at })),
  });
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
