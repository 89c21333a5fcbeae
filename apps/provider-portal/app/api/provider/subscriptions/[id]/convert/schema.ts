import { z } from "zod";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZSubscriptionParams = z.object({ id: z.string().min(1).max(100) });
