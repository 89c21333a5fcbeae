import type { Executor } from "@pp/db";
import { invoiceLines, invoices, tenantCredits } from "@pp/db/schema";
import { and, eq, ne, sql } from "drizzle-orm";
import { openCreditWhere } from "./open-credit";

export type LeadBilledAmount = {
  /** Lead line and reclassification adjustments (±) for the lead on invoices that are not void. */
  chargedCents: number;
  /** Credits issued for the lead: credit lines on its invoice plus carried credits it created (applied or open). */
  creditedCents: number;
  /** What the tenant is charged for the lead now: charged − credited (never below 0 by construction). */
  netCents: number;
};

/**
 * What was actually invoiced for a lead, net of every earlier adjustment and credit. Credits and
 * charges for a lead are computed against this, never against its current price, so no sequence of
 * reclassifications and disputes can credit more than was billed.
 */
export async function leadBilledAmount(
  tx: Executor,
  input: { tenantId: string; leadId: string },
): Promise<LeadBilledAmount> {
  const { tenantId, leadId } = input;
  const [lines] = await tx
    .select({
      charged: sql<number>`coalesce(sum(${invoiceLines.amountCents}) filter (where ${invoiceLines.kind} in ('lead', 'adjustment')), 0)::int`,
      credited: sql<number>`coalesce(-sum(${invoiceLines.amountCents}) filter (where ${invoiceLines.kind} = 'credit' and ${invoiceLines.tenantCreditId} is null), 0)::int`,
    })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(and(eq(invoiceLines.tenantId, tenantId), eq(invoiceLines.leadId, leadId), ne(invoices.status, "void")));
  const [carried] = await tx
    .select({ cents: sql<number>`coalesce(sum(${tenantCredits.amountCents}), 0)::int` })
    .from(tenantCredits)
    .where(and(eq(tenantCredits.tenantId, tenantId), eq(tenantCredits.sourceLeadId, leadId)));
  const chargedCents = lines?.charged ?? 0;
  const creditedCents = (lines?.credited ?? 0) + (carried?.cents ?? 0);
  return { chargedCents, creditedCents, netCents: chargedCents - creditedCents };
}

/** Open carried credit of a tenant (not applied to any invoice yet), in cents. */
export async function openCreditCents(tx: Executor, tenantId: string): Promise<number> {
  const [row] = await tx
    .select({ cents: sql<number>`coalesce(sum(${tenantCredits.amountCents}), 0)::int` })
    .from(tenantCredits)
    .where(and(eq(tenantCredits.tenantId, tenantId), openCreditWhere()));
  return row?.cents ?? 0;
}
