import { zText } from "@pp/core/input/zod-pieces";
import { ZStartSubscription } from "@pp/core/subscriptions/start-subscription";

export const ZStartSubscriptionBody = ZStartSubscription.extend({ tenantId: zText(100).trim().min(1) });
