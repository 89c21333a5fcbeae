import type { Executor } from "@pp/db";
import { invoiceLines, invoices, tenantCredits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { addInvoiceLine } from "./add-invoice-line";
import { formatCents } from "./billing-dates";
import { leadBilledAmount } from "./lead-billed-amount";

export type LeadBillingState =
  | "uninvoiced"
  | "included"
  | "open_invoice"
  | "paid_invoice"
  | "void_invoice"
  | "written_off_invoice";

export type LeadPriceChange = {
  tenantId: string;
  lead: { id: string; invoiceLineId: string | null };
  /** What the lead should be charged in all from now on: 0 for an approved dispute, the new price for a reclassification. */
  targetCents: number;
  /** `credit` for an approved dispute, `adjustment` for a reclassification. */
  kind: "credit" | "adjustment";
  /** What the line or credit says, e.g. "Credit: disputed Drain cleaning lead"; an adjustment gets its ± amount appended. */
  description: string;
  now: Date;
};

export type SettledPriceChange = {
  state: LeadBillingState;
  invoiceId: string | null;
  /** The credit or adjustment line added to the lead's unpaid invoice. */
  lineId: string | null;
  /** The carried-forward credit: the lead's invoice was paid, or the credit exceeded what it had due. */
  creditId: string | null;
  /** What changed hands (positive = credited to the tenant, negative = charged). */
  creditedCents: number;
  /** What had been billed for the lead before, net of earlier adjustments. */
  billedBeforeCents: number;
};

/**
 * The one billing rule for a lead whose charge changes (DESIGN §7), in the caller's transaction. The
 * change is target − what was actually billed for the lead so far (net of earlier adjustments and
 * credits), never a difference of list prices:
 * - not invoiced yet → nothing to write: the next invoice bills the lead's new price (or skips it);
 * - included in the plan's leads of its period → it was charged 0, so no money moves;
 * - on an unpaid (open/uncollectible) invoice → a credit or adjustment line there (a reduction beyond
 *   what is due is carried forward as tenant credit);
 * - on a paid invoice → a reduction becomes a tenant credit the next invoice applies; an increase is
 *   not charged after the fact (we never bill a paid invoice again);
 * - on a void or written-off invoice → nothing was collected, so nothing moves.
 */
export async function settleLeadPriceChange(change: LeadPriceChange, tx: Executor): Promise<SettledPriceChange> {
  const { tenantId, lead, now } = change;
  const none = { lineId: null, creditId: null, creditedCents: 0, billedBeforeCents: 0 };
  if (!lead.invoiceLineId) return { state: "uninvoiced", invoiceId: null, ...none };

  const [billed] = await tx
    .select({ line: invoiceLines, invoiceId: invoices.id })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(and(eq(invoiceLines.id, lead.invoiceLineId), eq(invoiceLines.tenantId, tenantId)));
  if (!billed) return { state: "uninvoiced", invoiceId: null, ...none };
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, billed.invoiceId)).for("update");
  if (!invoice) throw new Error("invoice vanished");
  const amount = await leadBilledAmount(tx, { tenantId, leadId: lead.id });
  const base = { invoiceId: invoice.id, ...none, billedBeforeCents: amount.netCents };

  if (billed.line.included) return { state: "included", ...base };
  if (invoice.status === "void") return { state: "void_invoice", ...base };
  if (invoice.writtenOffAt) return { state: "written_off_invoice", ...base };
  const deltaCents = change.targetCents - amount.netCents;

  if (invoice.status === "paid") {
    if (deltaCents >= 0) return { state: "paid_invoice", ...base };
    const [credit] = await tx
      .insert(tenantCredits)
      .values({
        tenantId,
        amountCents: -deltaCents,
        currency: invoice.currency,
        reason: describe(change, deltaCents, invoice.currency),
        sourceLeadId: lead.id,
        createdAt: now,
      })
      .returning({ id: tenantCredits.id });
    return { state: "paid_invoice", ...base, creditId: credit?.id ?? null, creditedCents: -deltaCents };
  }

  if (deltaCents === 0) return { state: "open_invoice", ...base };
  const added = await addInvoiceLine(
    {
      tenantId,
      invoiceId: invoice.id,
      line: {
        kind: change.kind,
        description: describe(change, deltaCents, invoice.currency),
        amountCents: deltaCents,
        leadId: lead.id,
      },
      now,
    },
    tx,
  );
  return {
    state: "open_invoice",
    ...base,
    lineId: added.line?.id ?? null,
    creditId: added.carriedCredit?.id ?? null,
    creditedCents: -deltaCents,
  };
}

function describe(change: LeadPriceChange, deltaCents: number, currency: string): string {
  if (change.kind === "credit") return change.description;
  return `${change.description} (${deltaCents >= 0 ? "+" : "−"}${formatCents(Math.abs(deltaCents), currency)})`;
}
