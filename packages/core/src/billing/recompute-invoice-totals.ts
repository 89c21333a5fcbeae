import { db, type Executor } from "@pp/db";
import { invoiceLines, invoices } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { restoreStandingIfSettled } from "./restore-standing";

type InvoiceLine = typeof invoiceLines.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;

export type InvoiceTotals = {
  subtotalCents: number;
  discountCents: number;
  creditCents: number;
  totalCents: number;
  amountDueCents: number;
};

/** A coupon discount is an adjustment line with no lead; a lead's reclassification adjustment names its lead. */
export function isDiscountLine(line: Pick<InvoiceLine, "kind" | "leadId" | "amountCents">): boolean {
  return line.kind === "adjustment" && line.leadId === null && line.amountCents < 0;
}

/**
 * The one rule for an invoice's totals: subtotal = charges (subscription, leads, reclassification
 * adjustments), discount = coupon lines, credit = credit lines; total = subtotal − discount − credit,
 * exactly the sum of the lines. Lines are written so this never goes below zero (a credit beyond
 * what is due is carried forward as a tenant credit instead, see addInvoiceLine).
 */
export function invoiceTotalsOf(
  lines: readonly Pick<InvoiceLine, "kind" | "leadId" | "amountCents">[],
  amountPaidCents: number,
): InvoiceTotals {
  let subtotalCents = 0;
  let discountCents = 0;
  let creditCents = 0;
  for (const line of lines) {
    if (line.kind === "credit") creditCents -= line.amountCents;
    else if (isDiscountLine(line)) discountCents -= line.amountCents;
    else subtotalCents += line.amountCents;
  }
  const totalCents = subtotalCents - discountCents - creditCents;
  if (subtotalCents < 0 || totalCents < 0) {
    throw new Error(`invoice lines sum to ${totalCents} (subtotal ${subtotalCents}): credits exceed charges`);
  }
  return {
    subtotalCents,
    discountCents,
    creditCents,
    totalCents,
    amountDueCents: Math.max(0, totalCents - amountPaidCents),
  };
}

export type RecomputeInvoiceTotalsOptions = { tenantId: string; invoiceId: string; now?: Date };

/**
 * Recomputes an invoice's totals from its lines (call it in the transaction that changed them).
 * An unpaid invoice — open or uncollectible — with nothing left to pay becomes paid (its retries stop,
 * and the client is back in good standing unless another invoice is still uncollectible).
 */
export async function recomputeInvoiceTotals(
  options: RecomputeInvoiceTotalsOptions,
  executor: Executor = db,
): Promise<Invoice> {
  const { tenantId, invoiceId } = options;
  const now = options.now ?? new Date();
  const scope = and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId));
  const [invoice] = await executor.select().from(invoices).where(scope).for("update");
  if (!invoice) throw new Error(`invoice ${invoiceId} does not exist in tenant ${tenantId}`);
  const lines = await executor
    .select({ kind: invoiceLines.kind, leadId: invoiceLines.leadId, amountCents: invoiceLines.amountCents })
    .from(invoiceLines)
    .where(and(eq(invoiceLines.invoiceId, invoiceId), eq(invoiceLines.tenantId, tenantId)));
  const totals = invoiceTotalsOf(lines, invoice.amountPaidCents);
  const settled =
    (invoice.status === "open" || invoice.status === "uncollectible") &&
    invoice.writtenOffAt === null &&
    totals.amountDueCents === 0;
  const [updated] = await executor
    .update(invoices)
    .set({
      ...totals,
      ...(settled ? { status: "paid" as const, paidAt: invoice.paidAt ?? now, nextRetryAt: null } : {}),
      updatedAt: now,
    })
    .where(scope)
    .returning();
  if (!updated) throw new Error(`invoice ${invoiceId} update returned no row`);
  if (settled) await restoreStandingIfSettled(executor, { tenantId, subscriptionId: updated.subscriptionId, now });
  return updated;
}
