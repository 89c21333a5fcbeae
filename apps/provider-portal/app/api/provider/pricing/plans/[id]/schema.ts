export { ZUpdatePlan as ZUpdatePlanBody } from "@pp/core/pricing/update-plan";
