import type { Executor } from "@pp/db";
import { type INVOICE_LINE_KINDS, invoiceLines, invoices, tenantCredits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { type Invoice, recomputeInvoiceTotals } from "./recompute-invoice-totals";

type InvoiceLine = typeof invoiceLines.$inferSelect;

export type AddInvoiceLineOptions = {
  tenantId: string;
  invoiceId: string;
  line: {
    kind: (typeof INVOICE_LINE_KINDS)[number];
    description: string;
    /** Positive charges; negative for credits and downward adjustments. */
    amountCents: number;
    quantity?: number;
    unitAmountCents?: number;
    leadId?: string | null;
  };
  now: Date;
};

export type AddedInvoiceLine = {
  /** The line written (null when nothing was left due, so all of a reduction was carried forward). */
  line: InvoiceLine | null;
  /** The part of a reduction beyond what the invoice still had due, kept as an open tenant credit. */
  carriedCredit: { id: string; amountCents: number } | null;
  invoice: Invoice;
};

/**
 * Adds one line to an unpaid (open or uncollectible) invoice and recomputes its totals, in the caller's
 * transaction: the one way to change an issued invoice (dispute credits, reclassification adjustments,
 * a prorated subscription change). A reduction larger than what is still due lowers the invoice to
 * zero due and carries the rest forward as an open tenant credit, so no cent is lost and the lines
 * always sum to the total. An invoice settled to zero due this way is paid.
 */
export async function addInvoiceLine(options: AddInvoiceLineOptions, tx: Executor): Promise<AddedInvoiceLine> {
  const { tenantId, invoiceId, line, now } = options;
  if (!Number.isInteger(line.amountCents)) throw new Error("invoice line amounts are whole cents");
  const scope = and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId));
  const [invoice] = await tx.select().from(invoices).where(scope).for("update");
  if (!invoice) throw new AppError("not_found", "Invoice not found");
  if ((invoice.status !== "open" && invoice.status !== "uncollectible") || invoice.writtenOffAt) {
    throw new AppError(
      "conflict",
      `Invoice ${invoice.number} is ${invoice.writtenOffAt ? "written off" : invoice.status}: its lines cannot change`,
    );
  }
  if (line.amountCents < 0 && line.kind !== "credit" && line.kind !== "adjustment") {
    throw new Error(`a ${line.kind} line cannot be negative`);
  }

  const reduction = Math.max(0, -line.amountCents);
  const onInvoice = line.amountCents >= 0 ? line.amountCents : -Math.min(reduction, invoice.amountDueCents);
  const carried = reduction - Math.max(0, -onInvoice);

  let inserted: InvoiceLine | null = null;
  if (onInvoice !== 0 || line.amountCents === 0) {
    const quantity = line.amountCents === onInvoice ? (line.quantity ?? 1) : 1;
    const [row] = await tx
      .insert(invoiceLines)
      .values({
        tenantId,
        invoiceId,
        kind: line.kind,
        description: line.description,
        quantity,
        unitAmountCents: line.amountCents === onInvoice ? (line.unitAmountCents ?? onInvoice) : onInvoice,
        amountCents: onInvoice,
        leadId: line.leadId ?? null,
        createdAt: now,
      })
      .returning();
    inserted = row ?? null;
  }
  let carriedCredit: AddedInvoiceLine["carriedCredit"] = null;
  if (carried > 0) {
    const [credit] = await tx
      .insert(tenantCredits)
      .values({
        tenantId,
        amountCents: carried,
        currency: invoice.currency,
        reason: `${line.description} (beyond what invoice ${invoice.number} had due)`,
        sourceLeadId: line.leadId ?? null,
        createdAt: now,
      })
      .returning({ id: tenantCredits.id });
    if (credit) carriedCredit = { id: credit.id, amountCents: carried };
  }
  const updated = await recomputeInvoiceTotals({ tenantId, invoiceId, now }, tx);
  return { line: inserted, carriedCredit, invoice: updated };
}
