import { listAuditEvents } from "@pp/core/audit/list-audit-events";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZListAuditEventsQuery } from "./schema";

// GET /api/provider/audit-events – the audit trail, newest first: filters, cursor pagination.
export const GET = compose(
  { route: "/api/provider/audit-events" },
  withProviderAuth("audit:read"),
  withInput({ query: ZListAuditEventsQuery }),
)(async ({ query }) => json(await listAuditEvents(query)));
