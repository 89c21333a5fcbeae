import { z } from "zod";

/** Any string reaches the domain: a malformed id is a 404 like any other unknown invoice. */
export const ZPayInvoiceParams = z.object({ slug: z.string(), invoiceId: z.string() });
export const ZPayInvoiceBody = z.object({}).strict();
