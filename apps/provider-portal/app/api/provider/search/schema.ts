import { z } from "zod";

/** `?q=` of the command palette's tenant search; blank returns no tenants. */
export const ZSearchQuery = z.object({ q: z.string().trim().max(100).default("") });
