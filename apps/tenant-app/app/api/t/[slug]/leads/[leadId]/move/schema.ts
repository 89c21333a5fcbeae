import { z } from "zod";

export { ZMoveLead as ZMoveLeadBody } from "@pp/core/leads/move-lead";

/** Any string reaches the domain: a malformed id is a 404 like any other unknown lead. */
export const ZMoveLeadParams = z.object({ slug: z.string(), leadId: z.string() });
