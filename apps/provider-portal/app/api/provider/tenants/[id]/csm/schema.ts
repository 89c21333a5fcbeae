import { z } from "zod";

export { ZAssignCsm as ZAssignCsmBody } from "@pp/core/success/assign-csm";

export const ZTenantParams = z.object({ id: z.string().min(1).max(100) });
