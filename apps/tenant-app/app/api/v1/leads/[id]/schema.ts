import { ZUpdateLead } from "@pp/core/leads/update-lead";
import { z } from "zod";

export { ZUpdateLead as ZUpdateLeadBody };

// Any string reaches the domain: a malformed id is a 404 like another tenant's, never a 400 hint.
export const ZLeadIdParams = z.object({ id: z.string().meta({ description: "The lead's id" }) });
