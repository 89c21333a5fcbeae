import { z } from "zod";

export const ZTenantParams = z.object({ id: z.string().min(1).max(100) });
