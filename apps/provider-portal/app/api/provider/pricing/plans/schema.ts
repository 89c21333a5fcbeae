export { ZCreatePlan as ZCreatePlanBody } from "@pp/core/pricing/create-plan";
