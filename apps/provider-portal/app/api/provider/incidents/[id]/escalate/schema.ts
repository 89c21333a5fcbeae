import { z } from "zod";

export { ZEscalateIncident as ZEscalateIncidentBody } from "@pp/core/incidents/escalate-incident";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZIncidentParams = z.object({ id: z.string().min(1).max(100) });
