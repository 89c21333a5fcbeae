import { z } from "zod";

export { ZUpdatePlaybook as ZUpdatePlaybookBody } from "@pp/core/playbooks/update-playbook";

export const ZPlaybookParams = z.object({ playbookId: z.string().min(1).max(100) });
