import { getIncidentOrThrow } from "@pp/core/incidents/get-incident-or-throw";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentIdParams } from "./schema";

// GET /api/provider/incidents/[id] – one incident: its event history and both SLA clocks.
export const GET = compose(
  { route: "/api/provider/incidents/[id]" },
  withProviderAuth("incidents:read"),
  withInput({ params: ZIncidentIdParams }),
)(async ({ params }) => json(await getIncidentOrThrow({ incidentId: params.id })));
