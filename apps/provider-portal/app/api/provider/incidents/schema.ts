import { z } from "zod";

export { ZBulkUpdateIncidents as ZBulkUpdateIncidentsBody } from "@pp/core/incidents/bulk-update-incidents";
export { ZCreateIncident as ZCreateIncidentBody } from "@pp/core/incidents/create-incident";
export { ZListIncidentsQuery } from "@pp/core/incidents/list-incidents";

/** `GET /api/provider/incidents/health`: the MTTA/MTTR comparison window and the weeks counted. */
export const ZIncidentHealthQuery = z.object({
  periodDays: z.coerce.number().int().min(1).max(365).default(30),
  weeks: z.coerce.number().int().min(1).max(52).default(8),
});
