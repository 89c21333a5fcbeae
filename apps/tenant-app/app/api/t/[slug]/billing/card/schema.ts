import { z } from "zod";

export const ZCardParams = z.object({ slug: z.string() });
/** Stripe's Checkout session id from our own success URL; Stripe, not this value, says whether a card was saved. */
export const ZCardReturnQuery = z.object({ session_id: z.string().trim().min(1, "is required").max(255) });
/** Nothing to send: the card details are typed on Stripe's page. */
export const ZStartCardSetupBody = z.object({}).strict();
