import { db, type Executor } from "@pp/db";
import { invoices, payments } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, type AuditEventInput, recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors";

export type RecordFailedPaymentOptions = {
  tenantId: string;
  invoiceId: string;
  /** Why it failed, e.g. `card_declined`, `insufficient_funds`, `no_payment_method`. */
  reason: string;
  amountCents?: number;
  /** The processor's id of the attempt (a Stripe PaymentIntent), so its webhook does not record it again. */
  externalId?: string;
  now?: Date;
  actor?: AuditEventInput["actor"];
  context?: AuditContext;
};

/** A failed payment attempt, with its reason; the invoice stays as it is (Payment Retries decide what follows). */
export async function recordFailedPayment(
  options: RecordFailedPaymentOptions,
  executor: Executor = db,
): Promise<typeof payments.$inferSelect> {
  const { tenantId, invoiceId } = options;
  const now = options.now ?? new Date();
  const reason = options.reason.trim();
  if (reason === "") {
    throw new AppError("validation_failed", "Say why the payment failed", {
      details: [{ path: "reason", message: "is required" }],
    });
  }
  return executor.transaction(async (tx) => {
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId)));
    if (!invoice) throw new AppError("not_found", "Invoice not found");
    const [payment] = await tx
      .insert(payments)
      .values({
        tenantId,
        invoiceId,
        status: "failed",
        amountCents: options.amountCents ?? Math.max(1, invoice.amountDueCents),
        currency: invoice.currency,
        failureReason: reason,
        externalId: options.externalId ?? null,
        attemptedAt: now,
        createdAt: now,
      })
      .returning();
    if (!payment) throw new Error("payment insert returned no row");
    await recordAuditEvent(
      {
        actor: options.actor ?? { kind: "system", label: "billing" },
        action: "invoice.payment_failed",
        tenantId,
        target: { type: "invoice", id: invoiceId },
        after: { paymentId: payment.id, amountCents: payment.amountCents, reason },
        context: options.context,
      },
      tx,
    );
    return payment;
  });
}
