// GET /help/[guide] – a training guide from the onboarding checklist (shared with the other app).
export { default, generateMetadata } from "@pp/ui/training-guide-page";
