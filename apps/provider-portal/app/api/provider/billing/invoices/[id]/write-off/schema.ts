import { ZWriteOffInvoice } from "@pp/core/billing/write-off-invoice";
import { z } from "zod";

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZInvoiceParams = z.object({ id: z.string().min(1).max(100) });
export const ZWriteOffBody = ZWriteOffInvoice;
export type TWriteOffBody = z.infer<typeof ZWriteOffBody>;
