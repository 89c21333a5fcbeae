import { db, type Executor } from "@pp/db";
import {
  invoiceLines,
  invoices,
  leadCategories,
  leadDisputes,
  leads,
  plans,
  tenantCredits,
  tenants,
} from "@pp/db/schema";
import { and, asc, eq, sql } from "drizzle-orm";
import { leadBilledAmount } from "../billing/lead-billed-amount";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { leadPriceCents } from "../pricing/lead-price";
import { getLeadOrThrow, type TenantLeadDetail } from "./get-lead-or-throw";
import { REFUNDABLE_BY_CARD } from "./refundable-by-card";

export type ProviderLeadDetail = TenantLeadDetail & {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  /** Categories of the client's trade: what Reclassify Lead may choose, at the price it would have for this client. */
  categories: { code: string; name: string; priceCents: number }[];
  billing: {
    invoice: {
      id: string;
      number: string;
      status: string;
      writtenOff: boolean;
      totalCents: number;
      amountDueCents: number;
    } | null;
    lineAmountCents: number | null;
    /** One of the plan's included leads of its period: charged 0, so a dispute or reclassification moves no money. */
    included: boolean;
    /** What was billed for the lead, net of adjustments and credits so far. */
    billedNetCents: number;
    creditLine: { id: string; amountCents: number; invoiceId: string } | null;
    /** Reclassification adjustments billed for the lead, oldest first, with the invoice each is on. */
    adjustments: { id: string; amountCents: number; description: string; invoiceId: string; invoiceNumber: string }[];
    /** The currency of the client (every amount above is in it). */
    currency: string;
    carriedCredit: { id: string; amountCents: number; appliedInvoiceId: string | null } | null;
    /** Charged on an invoice paid by card through Stripe: approving a dispute may refund the card. */
    refundableByCard: boolean;
  };
};

/** One lead for staff: the tenant's view of it plus the client, the category choices and its billing state. */
export async function getProviderLead(
  options: { leadId: string },
  executor: Executor = db,
): Promise<ProviderLeadDetail> {
  const notFound = new AppError("not_found", "Lead not found");
  if (!isUuid(options.leadId)) throw notFound;
  const [row] = await executor
    .select({ tenant: tenants, invoiceLineId: leads.invoiceLineId })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .where(eq(leads.id, options.leadId));
  if (!row) throw notFound;
  const { tenant } = row;
  const detail = await getLeadOrThrow({ tenantId: tenant.id, leadId: options.leadId }, executor);
  const [plan] = tenant.planId ? await executor.select().from(plans).where(eq(plans.id, tenant.planId)) : [];
  const categoryRows = await executor
    .select()
    .from(leadCategories)
    .where(eq(leadCategories.trade, tenant.trade))
    .orderBy(asc(leadCategories.name));
  const categories = categoryRows.map((category) => ({
    code: category.code,
    name: category.name,
    priceCents: leadPriceCents({ category, plan: plan ?? null, tenantCurrency: tenant.currency }),
  }));
  const billedAmount = await leadBilledAmount(executor, { tenantId: tenant.id, leadId: options.leadId });

  const [billed] = row.invoiceLineId
    ? await executor
        .select({ line: invoiceLines, invoice: invoices })
        .from(invoiceLines)
        .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
        .where(and(eq(invoiceLines.id, row.invoiceLineId), eq(invoiceLines.tenantId, tenant.id)))
    : [];
  const [dispute] = await executor
    .select({ creditLineId: leadDisputes.creditLineId })
    .from(leadDisputes)
    .where(and(eq(leadDisputes.leadId, options.leadId), eq(leadDisputes.tenantId, tenant.id)));
  const [creditLine] = dispute?.creditLineId
    ? await executor
        .select({ id: invoiceLines.id, amountCents: invoiceLines.amountCents, invoiceId: invoiceLines.invoiceId })
        .from(invoiceLines)
        .where(and(eq(invoiceLines.id, dispute.creditLineId), eq(invoiceLines.tenantId, tenant.id)))
    : [];
  const [carried] = await executor
    .select({
      id: tenantCredits.id,
      amountCents: tenantCredits.amountCents,
      appliedInvoiceId: tenantCredits.appliedInvoiceId,
    })
    .from(tenantCredits)
    .where(and(eq(tenantCredits.sourceLeadId, options.leadId), eq(tenantCredits.tenantId, tenant.id)))
    .orderBy(asc(tenantCredits.createdAt))
    .limit(1);

  const refundable = await executor.execute<{ refundable: boolean }>(
    sql`select ${REFUNDABLE_BY_CARD} as refundable from leads l where l.id = ${options.leadId} and l.tenant_id = ${tenant.id}`,
  );

  const adjustments = await executor
    .select({
      id: invoiceLines.id,
      amountCents: invoiceLines.amountCents,
      description: invoiceLines.description,
      invoiceId: invoices.id,
      invoiceNumber: invoices.number,
    })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(
      and(
        eq(invoiceLines.leadId, options.leadId),
        eq(invoiceLines.tenantId, tenant.id),
        eq(invoiceLines.kind, "adjustment"),
      ),
    )
    .orderBy(asc(invoiceLines.createdAt), asc(invoiceLines.id));

  return {
    ...detail,
    tenantId: tenant.id,
    tenantName: tenant.name,
    tenantSlug: tenant.slug,
    categories,
    billing: {
      invoice: billed
        ? {
            id: billed.invoice.id,
            number: billed.invoice.number,
            status: billed.invoice.status,
            writtenOff: billed.invoice.writtenOffAt !== null,
            totalCents: billed.invoice.totalCents,
            amountDueCents: billed.invoice.amountDueCents,
          }
        : null,
      lineAmountCents: billed?.line.amountCents ?? null,
      included: billed?.line.included ?? false,
      billedNetCents: billedAmount.netCents,
      creditLine: creditLine ?? null,
      adjustments,
      currency: tenant.currency,
      carriedCredit: carried ?? null,
      refundableByCard: refundable.rows[0]?.refundable === true,
    },
  };
}
