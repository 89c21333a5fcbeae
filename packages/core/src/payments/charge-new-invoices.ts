import { db } from "@pp/db";
import { invoices, payments, stripeCustomers } from "@pp/db/schema";
import { and, asc, eq, gt, isNotNull, isNull, notExists } from "drizzle-orm";
import { payInvoice } from "./pay-invoice";
import { stripeClient } from "./stripe-client";

const SYSTEM = { kind: "system", label: "card-payments" } as const;
const BATCH = 100;

export type ChargeNewInvoicesResult = { charged: number; declined: number; skipped: number };

/**
 * The payments.charge-new-invoices job: an invoice issued to a tenant with a saved card is charged
 * once, before its due date (however it was issued: the monthly job or staff). Only invoices with no
 * attempt yet are picked up; once one is recorded, Payment Retries take over after the due date.
 * When Stripe was unreachable nothing was recorded, so the next run tries again with the same key.
 */
export async function chargeNewInvoices(options: { now?: Date } = {}): Promise<ChargeNewInvoicesResult> {
  const result: ChargeNewInvoicesResult = { charged: 0, declined: 0, skipped: 0 };
  if (!stripeClient()) return result;
  const now = options.now ?? new Date();
  const due = await db
    .select({ id: invoices.id, tenantId: invoices.tenantId })
    .from(invoices)
    .innerJoin(stripeCustomers, eq(stripeCustomers.tenantId, invoices.tenantId))
    .where(
      and(
        eq(invoices.status, "open"),
        isNull(invoices.writtenOffAt),
        gt(invoices.amountDueCents, 0),
        gt(invoices.dueAt, now),
        isNotNull(stripeCustomers.paymentMethodId),
        notExists(db.select({ id: payments.id }).from(payments).where(eq(payments.invoiceId, invoices.id))),
      ),
    )
    .orderBy(asc(invoices.issuedAt))
    .limit(BATCH);
  for (const invoice of due) {
    const outcome = await payInvoice({
      tenantId: invoice.tenantId,
      invoiceId: invoice.id,
      actor: SYSTEM,
      trigger: "issued",
      now,
    });
    if (outcome.status === "paid") result.charged += 1;
    else if (outcome.status === "declined") result.declined += 1;
    else result.skipped += 1;
  }
  return result;
}
