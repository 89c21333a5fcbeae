import { z } from "zod";

export { ZChangeSubscriptionPlan as ZBody } from "@pp/core/subscriptions/change-subscription-plan";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZSubscriptionParams = z.object({ id: z.string().min(1).max(100) });
