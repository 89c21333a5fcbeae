import type { Executor } from "@pp/db";
import { invoiceLines, invoices, tenantCredits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { recomputeInvoiceTotals } from "./recompute-invoice-totals";

export type LeadBillingState = "uninvoiced" | "open_invoice" | "paid_invoice" | "void_invoice";

export type LeadPriceChange = {
  tenantId: string;
  lead: { id: string; invoiceLineId: string | null };
  /** What the lead's charge changes by: −price for an approved dispute, new − old price for a reclassification. */
  deltaCents: number;
  /** `credit` for an approved dispute, `adjustment` for a reclassification. */
  kind: "credit" | "adjustment";
  description: string;
  now: Date;
};

export type SettledPriceChange = {
  state: LeadBillingState;
  invoiceId: string | null;
  /** The credit or adjustment line added to the lead's unpaid invoice. */
  lineId: string | null;
  /** The carried-forward credit created when the lead's invoice was already paid. */
  creditId: string | null;
  /** What actually changed hands: the line amount or credit (positive = credited). */
  creditedCents: number;
};

/**
 * The one billing rule for a lead whose charge changes (DESIGN §7), in the caller's transaction:
 * - not invoiced yet → nothing to write: the next invoice bills the lead's new price (or skips it);
 * - on an unpaid (open/uncollectible) invoice → a credit or adjustment line there, totals recomputed;
 * - on a paid invoice → a reduction becomes a tenant credit the next invoice applies; an increase is
 *   not charged after the fact (we never bill a paid invoice again).
 */
export async function settleLeadPriceChange(change: LeadPriceChange, tx: Executor): Promise<SettledPriceChange> {
  const { tenantId, lead, deltaCents, now } = change;
  const none = { lineId: null, creditId: null, creditedCents: 0 };
  if (!lead.invoiceLineId) return { state: "uninvoiced", invoiceId: null, ...none };

  const [billed] = await tx
    .select({ invoice: invoices })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(and(eq(invoiceLines.id, lead.invoiceLineId), eq(invoiceLines.tenantId, tenantId)));
  if (!billed) return { state: "uninvoiced", invoiceId: null, ...none };
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, billed.invoice.id)).for("update");
  if (!invoice) throw new Error("invoice vanished");

  if (invoice.status === "void") return { state: "void_invoice", invoiceId: invoice.id, ...none };

  if (invoice.status === "paid") {
    if (deltaCents >= 0) return { state: "paid_invoice", invoiceId: invoice.id, ...none };
    const [credit] = await tx
      .insert(tenantCredits)
      .values({ tenantId, amountCents: -deltaCents, reason: change.description, sourceLeadId: lead.id, createdAt: now })
      .returning({ id: tenantCredits.id });
    return {
      state: "paid_invoice",
      invoiceId: invoice.id,
      lineId: null,
      creditId: credit?.id ?? null,
      creditedCents: -deltaCents,
    };
  }

  if (deltaCents === 0) return { state: "open_invoice", invoiceId: invoice.id, ...none };
  const [line] = await tx
    .insert(invoiceLines)
    .values({
      tenantId,
      invoiceId: invoice.id,
      kind: change.kind,
      description: change.description,
      unitAmountCents: deltaCents,
      amountCents: deltaCents,
      leadId: lead.id,
      createdAt: now,
    })
    .returning({ id: invoiceLines.id });
  const excessBefore = Math.max(0, invoice.amountPaidCents - invoice.totalCents);
  const updated = await recomputeInvoiceTotals({ tenantId, invoiceId: invoice.id, now }, tx);
  // Money already paid beyond the new total is not lost: it carries to the next invoice.
  const overpaid = Math.max(0, updated.amountPaidCents - updated.totalCents) - excessBefore;
  if (overpaid > 0) {
    await tx.insert(tenantCredits).values({
      tenantId,
      amountCents: overpaid,
      reason: `Overpayment on invoice ${invoice.number}`,
      sourceLeadId: lead.id,
      createdAt: now,
    });
  }
  return {
    state: "open_invoice",
    invoiceId: invoice.id,
    lineId: line?.id ?? null,
    creditId: null,
    creditedCents: -deltaCents,
  };
}
