import { z } from "zod";

export { ZSaveOnboarding } from "@pp/core/onboarding/save-onboarding";
export { ZStartOnboarding } from "@pp/core/onboarding/start-onboarding";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZOnboardingParams = z.object({ tenantId: z.string().min(1).max(100) });
