import { getIncidentHealth } from "@pp/core/incidents/get-incident-health";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZIncidentHealthQuery } from "../schema";

// GET /api/provider/incidents/health – MTTA/MTTR per severity vs the prior period, incidents per week and severity.
export const GET = compose(
  { route: "/api/provider/incidents/health" },
  withProviderAuth("incidents:read"),
  withInput({ query: ZIncidentHealthQuery }),
)(async ({ query }) => json(await getIncidentHealth(query)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
