import { db, type Executor } from "@pp/db";
import { invoices, payments } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, type AuditEventInput, recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors";
import { recordFeatureUse } from "../usage/record-feature-use";
import { type Invoice, recomputeInvoiceTotals } from "./recompute-invoice-totals";

export type RecordPaymentOptions = {
  tenantId: string;
  invoiceId: string;
  /** Default: everything still due. */
  amountCents?: number;
  externalId?: string;
  now?: Date;
  actor?: AuditEventInput["actor"];
  context?: AuditContext;
};

export type RecordedPayment = { payment: typeof payments.$inferSelect; invoice: Invoice };

/**
 * A succeeded payment: pays the invoice down (never beyond what is due); with nothing left it is
 * paid — open or uncollectible alike — its retries stop, and a past-due subscription and client are
 * active again once no other uncollectible invoice is still owed.
 */
export async function recordPayment(options: RecordPaymentOptions, executor: Executor = db): Promise<RecordedPayment> {
  const { tenantId, invoiceId } = options;
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const scope = and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId));
    const [invoice] = await tx.select().from(invoices).where(scope).for("update");
    if (!invoice) throw new AppError("not_found", "Invoice not found");
    if ((invoice.status !== "open" && invoice.status !== "uncollectible") || invoice.writtenOffAt) {
      const state = invoice.writtenOffAt ? "written off" : invoice.status;
      throw new AppError("conflict", `Invoice ${invoice.number} is ${state}: it takes no payment`);
    }
    const amountCents = options.amountCents ?? invoice.amountDueCents;
    if (!Number.isInteger(amountCents) || amountCents <= 0) {
      throw new AppError("validation_failed", "The payment amount must be a positive number of cents", {
        details: [{ path: "amountCents", message: "must be a positive integer" }],
      });
    }
    if (amountCents > invoice.amountDueCents) {
      throw new AppError("unprocessable", `Invoice ${invoice.number} has only ${invoice.amountDueCents} cents due`, {
        details: [{ path: "amountCents", message: `must be at most ${invoice.amountDueCents}` }],
      });
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        tenantId,
        invoiceId,
        status: "succeeded",
        amountCents,
        currency: invoice.currency,
        externalId: options.externalId ?? null,
        attemptedAt: now,
        createdAt: now,
      })
      .returning();
    if (!payment) throw new Error("payment insert returned no row");
    await tx
      .update(invoices)
      .set({ amountPaidCents: invoice.amountPaidCents + amountCents, updatedAt: now })
      .where(scope);
    const updated = await recomputeInvoiceTotals({ tenantId, invoiceId, now }, tx);
    const amountDueCents = updated.amountDueCents;
    await recordAuditEvent(
      {
        actor: options.actor ?? { kind: "system", label: "billing" },
        action: "invoice.payment_succeeded",
        tenantId,
        target: { type: "invoice", id: invoiceId },
        before: { status: invoice.status, amountDueCents: invoice.amountDueCents },
        after: { status: updated.status, amountDueCents, paymentId: payment.id, amountCents },
        context: options.context,
      },
      tx,
    );
    const actor = options.actor;
    await recordFeatureUse(
      {
        tenantId,
        userId: actor && "userId" in actor ? actor.userId : null,
        app: "portal",
        featureKey: "RecordPayment",
        metadata: { invoiceId, paymentId: payment.id },
        at: now,
      },
      tx,
    );
    return { payment, invoice: updated };
  });
}
