import { z } from "zod";

export { ZTestIntegration } from "@pp/core/onboarding/test-integration";

export const ZIntegrationParams = z.object({
  tenantId: z.string().min(1).max(100),
  kind: z.string().min(1).max(40),
});
