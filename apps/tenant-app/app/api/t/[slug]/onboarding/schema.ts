import { z } from "zod";

export { ZSaveOnboarding } from "@pp/core/onboarding/save-onboarding";

/** Owners start from their own trade's template: nothing to choose. */
export const ZStartOwnOnboarding = z.object({}).strict();
