import { z } from "zod";

export { ZRaiseDispute as ZRaiseDisputeBody } from "@pp/core/leads/raise-dispute";

/** Any string reaches the domain: a malformed id is a 404 like any other unknown lead. */
export const ZDisputeParams = z.object({ slug: z.string(), leadId: z.string() });
