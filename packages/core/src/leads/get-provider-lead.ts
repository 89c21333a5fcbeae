import { db, type Executor } from "@pp/db";
import { invoiceLines, invoices, leadCategories, leadDisputes, leads, tenantCredits, tenants } from "@pp/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { getLeadOrThrow, type TenantLeadDetail } from "./get-lead-or-throw";

export type ProviderLeadDetail = TenantLeadDetail & {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  /** Categories of the client's trade: what Reclassify Lead may choose. */
  categories: { code: string; name: string; priceCents: number }[];
  billing: {
    invoice: { id: string; number: string; status: string; totalCents: number; amountDueCents: number } | null;
    lineAmountCents: number | null;
    creditLine: { id: string; amountCents: number; invoiceId: string } | null;
    carriedCredit: { id: string; amountCents: number; appliedInvoiceId: string | null } | null;
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
  const categories = await executor
    .select({ code: leadCategories.code, name: leadCategories.name, priceCents: leadCategories.priceCents })
    .from(leadCategories)
    .where(eq(leadCategories.trade, tenant.trade))
    .orderBy(asc(leadCategories.name));

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
            totalCents: billed.invoice.totalCents,
            amountDueCents: billed.invoice.amountDueCents,
          }
        : null,
      lineAmountCents: billed?.line.amountCents ?? null,
      creditLine: creditLine ?? null,
      carriedCredit: carried ?? null,
    },
  };
}
