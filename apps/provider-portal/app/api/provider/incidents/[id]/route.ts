import { getIncidentOrThrow } from "@pp/core/incidents/get-incident-or-throw";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentIdParams } from "./schema";

// GET /api/provider/incidents/[id] – one incident: its event history and both SLA clocks.
export const GET = compose(
  { route: "/api/provider/incidents/[id]" },
  withProviderAuth("incidents:read"),
  withInput({ params: ZIncidentIdParams }),
)(async ({ params }) => json(await getIncidentOrThrow({ incidentId: params.id })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
