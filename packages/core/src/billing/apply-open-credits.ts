import type { Executor } from "@pp/db";
import { invoiceLines, tenantCredits } from "@pp/db/schema";
import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import { openCreditWhere } from "./open-credit";

/**
 * Applies the tenant's open credits, oldest first, as credit lines up to `payable`. A credit larger
 * than what is left is split: the used part is marked applied, the rest stays open as a new credit.
 */
export async function applyOpenCredits(
  tx: Executor,
  input: { tenantId: string; invoiceId: string; currency: string; payable: number; now: Date },
): Promise<(typeof invoiceLines.$inferSelect)[]> {
  const { tenantId, invoiceId, now } = input;
  let remaining = Math.max(0, input.payable);
  if (remaining === 0) return [];
  const open = await tx
    .select()
    .from(tenantCredits)
    .where(
      and(
        eq(tenantCredits.tenantId, tenantId),
        eq(tenantCredits.currency, input.currency),
        openCreditWhere(),
        or(isNull(tenantCredits.expiresAt), gt(tenantCredits.expiresAt, now)),
      ),
    )
    .orderBy(asc(tenantCredits.createdAt), asc(tenantCredits.id))
    .for("update");
  const created: (typeof invoiceLines.$inferSelect)[] = [];
  for (const credit of open) {
    if (remaining === 0) break;
    const used = Math.min(credit.amountCents, remaining);
    remaining -= used;
    if (used < credit.amountCents) {
      await tx.insert(tenantCredits).values({
        tenantId,
        amountCents: credit.amountCents - used,
        currency: credit.currency,
        reason: credit.reason,
        sourceLeadId: credit.sourceLeadId,
        splitFromId: credit.id,
        expiresAt: credit.expiresAt,
        createdAt: credit.createdAt,
      });
    }
    await tx
      .update(tenantCredits)
      .set({ amountCents: used, appliedInvoiceId: invoiceId })
      .where(eq(tenantCredits.id, credit.id));
    const [line] = await tx
      .insert(invoiceLines)
      .values({
        tenantId,
        invoiceId,
        kind: "credit",
        description: `Credit: ${credit.reason}`,
        unitAmountCents: -used,
        amountCents: -used,
        leadId: credit.sourceLeadId,
        tenantCreditId: credit.id,
        createdAt: now,
      })
      .returning();
    if (line) created.push(line);
  }
  return created;
}
