import { createIncident } from "@pp/core/incidents/create-incident";
import { listIncidents } from "@pp/core/incidents/list-incidents";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZCreateIncidentBody, ZListIncidentsQuery } from "./schema";

// GET /api/provider/incidents – Support & Incidents, newest first: status, severity, client, assignee, SLA state; cursor.
export const GET = compose(
  { route: "/api/provider/incidents" },
  withProviderAuth("incidents:read"),
  withInput({ query: ZListIncidentsQuery }),
)(async ({ query }) => json(await listIncidents(query)));

// POST /api/provider/incidents – open an incident (for a client or platform-wide); SLA clocks start now.
export const POST = compose(
  { route: "/api/provider/incidents" },
  withProviderAuth("incidents:write"),
  withIdempotency(),
  withInput({ body: ZCreateIncidentBody }),
)(async (ctx) => created(await createIncident({ ...ctx.body, actor: ctx.actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
