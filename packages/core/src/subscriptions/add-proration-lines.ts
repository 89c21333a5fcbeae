import type { Executor } from "@pp/db";
import { invoiceLines, invoices, subscriptionProrations } from "@pp/db/schema";
import { and, asc, eq, isNull, lte } from "drizzle-orm";
import { recomputeInvoiceTotals } from "../billing/recompute-invoice-totals";

/**
 * Puts a subscription's waiting prorations (those of periods that ended by the invoice's period
 * end) on that invoice as adjustment lines and recomputes its totals. Idempotent: a proration
 * already on an invoice is never added again.
 */
export async function addProrationLines(
  tx: Executor,
  input: { tenantId: string; subscriptionId: string; invoiceId: string; now: Date },
): Promise<(typeof invoiceLines.$inferSelect)[]> {
  const { tenantId, subscriptionId, invoiceId, now } = input;
  const [invoice] = await tx
    .select({ periodEnd: invoices.periodEnd })
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId)));
  if (!invoice) return [];
  const pending = await tx
    .select()
    .from(subscriptionProrations)
    .where(
      and(
        eq(subscriptionProrations.subscriptionId, subscriptionId),
        eq(subscriptionProrations.tenantId, tenantId),
        isNull(subscriptionProrations.invoiceLineId),
        lte(subscriptionProrations.periodStart, invoice.periodEnd),
      ),
    )
    .orderBy(asc(subscriptionProrations.createdAt), asc(subscriptionProrations.id))
    .for("update");
  const added: (typeof invoiceLines.$inferSelect)[] = [];
  for (const proration of pending) {
    const [line] = await tx
      .insert(invoiceLines)
      .values({
        tenantId,
        invoiceId,
        kind: "adjustment",
        description: proration.description,
        unitAmountCents: proration.amountCents,
        amountCents: proration.amountCents,
        createdAt: now,
      })
      .returning();
    if (!line) throw new Error("invoice line insert returned no row");
    await tx
      .update(subscriptionProrations)
      .set({ invoiceLineId: line.id })
      .where(eq(subscriptionProrations.id, proration.id));
    added.push(line);
  }
  if (added.length > 0) await recomputeInvoiceTotals({ tenantId, invoiceId, now }, tx);
  return added;
}
