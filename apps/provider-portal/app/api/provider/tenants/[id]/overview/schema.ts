import { z } from "zod";

/** Any string: a malformed id is a 404 like an unknown one, never a hint of which. */
export const ZTenantOverviewParams = z.object({ id: z.string().min(1).max(100) });
