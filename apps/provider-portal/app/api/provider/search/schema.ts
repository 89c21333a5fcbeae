import { z } from "zod";

/** `?q=` of the command palette's tenant search (the palette only asks once something is typed). */
export const ZSearchQuery = z.object({ q: z.string().trim().max(100).default("") });
