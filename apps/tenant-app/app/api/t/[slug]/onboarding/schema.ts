export { ZSaveOnboarding } from "@pp/core/onboarding/save-onboarding";
