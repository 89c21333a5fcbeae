import { z } from "zod";

/** `?token=` from the digest's unsubscribe link; the signature is checked by the domain function. */
export const ZUnsubscribeQuery = z.object({
  token: z.string("is required").max(200, "is not a valid unsubscribe link"),
});
