import { tenantCredits } from "@pp/db/schema";
import { and, isNull } from "drizzle-orm";

/** A tenant credit still open: neither applied to an invoice nor refunded to the card (one of the three, always). */
export const openCreditWhere = () => and(isNull(tenantCredits.appliedInvoiceId), isNull(tenantCredits.refundId));
