import { z } from "zod";

export { ZAddIncidentUpdate as ZAddIncidentUpdateBody } from "@pp/core/incidents/add-incident-update";
export { ZAssignIncident as ZAssignIncidentBody } from "@pp/core/incidents/assign-incident";
export { ZReopenIncident as ZReopenIncidentBody } from "@pp/core/incidents/reopen-incident";
export { ZResolveIncident as ZResolveIncidentBody } from "@pp/core/incidents/resolve-incident";
export { ZWaitOnCustomer as ZWaitOnCustomerBody } from "@pp/core/incidents/wait-on-customer";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZIncidentIdParams = z.object({ id: z.string().min(1).max(100) });
