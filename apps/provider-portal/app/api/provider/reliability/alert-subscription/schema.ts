import { z } from "zod";

export const ZAlertSubscriptionBody = z.object({ subscribed: z.boolean() });
