import { db, type Executor } from "@pp/db";
import { invoices } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { zText } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { formatCents } from "./billing-dates";
import type { Invoice } from "./recompute-invoice-totals";
import { restoreStandingIfSettled } from "./restore-standing";

export const ZWriteOffInvoice = z.object({
  reason: zText(2_000).trim().min(1, "say why the invoice is written off"),
});
export type TWriteOffInvoice = z.input<typeof ZWriteOffInvoice>;

export type WriteOffInvoiceOptions = TWriteOffInvoice & {
  invoiceId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Write off: a person decides an unpaid (open or uncollectible) invoice will not be collected. It
 * becomes uncollectible and written off, leaves every "money owed" view and Payment Retries (no more
 * retries, reminders or cancellation for it), and the client is back in good standing unless another
 * uncollectible invoice is still owed. Audited with the amount and the reason.
 */
export async function writeOffInvoice(options: WriteOffInvoiceOptions, executor: Executor = db): Promise<Invoice> {
  const { invoiceId, actor } = options;
  const { reason } = parseInput(ZWriteOffInvoice, { reason: options.reason });
  const now = options.now ?? new Date();
  if (!isUuid(invoiceId)) throw new AppError("not_found", "Invoice not found");
  return executor.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update");
    if (!invoice) throw new AppError("not_found", "Invoice not found");
    if (invoice.writtenOffAt) {
      throw new AppError("conflict", `Invoice ${invoice.number} was already written off`);
    }
    if ((invoice.status !== "open" && invoice.status !== "uncollectible") || invoice.amountDueCents <= 0) {
      throw new AppError(
        "conflict",
        `Invoice ${invoice.number} is ${invoice.status} with nothing due — nothing to write off`,
      );
    }
    const [updated] = await tx
      .update(invoices)
      .set({
        status: "uncollectible",
        writtenOffAt: now,
        writtenOffBy: actor.userId,
        nextRetryAt: null,
        updatedAt: now,
      })
      .where(and(eq(invoices.id, invoice.id), eq(invoices.tenantId, invoice.tenantId)))
      .returning();
    if (!updated) throw new Error("invoice update returned no row");
    await restoreStandingIfSettled(tx, { tenantId: invoice.tenantId, subscriptionId: invoice.subscriptionId, now });
    await recordAuditEvent(
      {
        actor,
        action: "invoice.written_off",
        tenantId: invoice.tenantId,
        target: { type: "invoice", id: invoice.id },
        before: { status: invoice.status, amountDueCents: invoice.amountDueCents },
        after: {
          status: "uncollectible",
          writtenOff: true,
          amountWrittenOff: formatCents(invoice.amountDueCents, invoice.currency),
          amountDueCents: invoice.amountDueCents,
          reason,
        },
        context: options.context,
      },
      tx,
    );
    return updated;
  });
}
