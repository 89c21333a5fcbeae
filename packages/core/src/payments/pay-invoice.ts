import { db, type Executor } from "@pp/db";
import { invoices } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import type { AuditContext, AuditEventInput } from "../audit/record-audit-event";
import { recordFailedPayment } from "../billing/record-failed-payment";
import { recordPayment } from "../billing/record-payment";
import { AppError } from "../errors";
import { chargeInvoiceByCard } from "./charge-invoice-by-card";
import { cardPaymentsOff } from "./start-card-setup";
import { stripeClient } from "./stripe-client";

export type PayInvoiceOptions = {
  tenantId: string;
  invoiceId: string;
  actor: AuditEventInput["actor"];
  /** Why the card is charged now: the owner's "Pay now", or the invoice was just issued. */
  trigger?: "pay_now" | "issued";
  now?: Date;
  context?: AuditContext;
};

export type PayInvoiceResult =
  | { status: "paid"; paymentIntentId: string }
  | { status: "declined"; reason: string }
  | { status: "skipped" };

/**
 * Charges an open (or uncollectible) invoice's amount due to the saved card now. A success goes
 * through recordPayment (status, credits and standing stay as staff-recorded payments leave them); a
 * decline is recorded with its reason in plain words. The invoice is locked for the whole attempt,
 * so a Payment Retries run or a second click cannot charge it at the same time.
 */
export async function payInvoice(options: PayInvoiceOptions, executor: Executor = db): Promise<PayInvoiceResult> {
  if (!stripeClient()) throw cardPaymentsOff();
  const { tenantId, invoiceId } = options;
  const now = options.now ?? new Date();
  const issued = options.trigger === "issued";
  return executor.transaction(async (tx) => {
    const scope = and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId));
    const [invoice] = await tx
      .select()
      .from(invoices)
      .where(scope)
      .for("update", issued ? { skipLocked: true } : undefined);
    if (!invoice) {
      if (issued) return { status: "skipped" } as const;
      throw new AppError("not_found", "Invoice not found");
    }
    const payable =
      (invoice.status === "open" || invoice.status === "uncollectible") &&
      !invoice.writtenOffAt &&
      invoice.amountDueCents > 0;
    if (!payable) {
      if (issued) return { status: "skipped" } as const;
      throw new AppError("conflict", `Invoice ${invoice.number} has nothing to pay`);
    }
    const charge = await chargeInvoiceByCard({ invoice }, tx);
    switch (charge.kind) {
      case "no_card":
        if (issued) return { status: "skipped" } as const;
        throw new AppError("unprocessable", "Add a card before paying by card", {
          details: [{ path: "card", message: "no card on file" }],
        });
      case "unreachable":
        if (issued) return { status: "skipped" } as const;
        throw new AppError(
          "unavailable",
          "Stripe could not be reached — try again shortly; you will not be charged twice",
        );
      case "succeeded":
        await recordPayment(
          {
            tenantId,
            invoiceId,
            externalId: charge.paymentIntentId,
            now,
            actor: options.actor,
            context: options.context,
          },
          tx,
        );
        return { status: "paid", paymentIntentId: charge.paymentIntentId } as const;
      case "declined":
        await recordFailedPayment(
          {
            tenantId,
            invoiceId,
            reason: charge.reason,
            externalId: charge.paymentIntentId,
            now,
            actor: options.actor,
            context: options.context,
          },
          tx,
        );
        return { status: "declined", reason: charge.reason } as const;
    }
  });
}
