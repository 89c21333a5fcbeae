import { z } from "zod";

export { ZStartPlaybook as ZStartPlaybookBody } from "@pp/core/playbooks/start-playbook";

export const ZTenantParams = z.object({ id: z.string().min(1).max(100) });
