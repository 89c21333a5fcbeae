import { listAuditEvents } from "@pp/core/audit/list-audit-events";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListAuditEventsQuery } from "./schema";

// GET /api/provider/audit-events – the audit trail, newest first: filters, cursor pagination.
export const GET = compose(
  { route: "/api/provider/audit-events" },
  withProviderAuth("audit:read"),
  withInput({ query: ZListAuditEventsQuery }),
)(async ({ query }) => json(await listAuditEvents(query)));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
