import { ZAuditFilters } from "@pp/core/audit/audit-filters";
import { ZPageQuery } from "@pp/core/pagination";
import { z } from "zod";

/** `GET /api/provider/audit-events` and the Audit log page: the shared audit filters plus a cursor. */
export const ZListAuditEventsQuery = ZPageQuery.extend(ZAuditFilters.shape);
export type TListAuditEventsQuery = z.output<typeof ZListAuditEventsQuery>;

/** `GET /api/provider/audit-events/export`: the same filters, every matching row. */
export const ZExportAuditEventsQuery = ZAuditFilters;

/** Any string: a malformed id is a 404 like an unknown one. */
export const ZAuditEventParams = z.object({ id: z.string().min(1).max(100) });
