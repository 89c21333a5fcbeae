import { ZStartSubscription } from "@pp/core/subscriptions/start-subscription";
import { z } from "zod";

export const ZStartSubscriptionBody = ZStartSubscription.extend({ tenantId: z.string().trim().min(1).max(100) });
