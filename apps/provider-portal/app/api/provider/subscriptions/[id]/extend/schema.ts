import { z } from "zod";

export { ZExtendSubscription as ZExtendSubscriptionBody } from "@pp/core/subscriptions/extend-subscription";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZSubscriptionParams = z.object({ id: z.string().min(1).max(100) });
