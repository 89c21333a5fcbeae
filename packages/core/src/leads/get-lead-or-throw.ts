import { db, type Executor } from "@pp/db";
import {
  attributions,
  invoiceLines,
  invoices,
  leadCategories,
  leadDisputes,
  leadReclassifications,
  leads,
  tenants,
} from "@pp/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";

type Lead = typeof leads.$inferSelect;
type Dispute = typeof leadDisputes.$inferSelect;

export type TenantLeadDetail = {
  id: string;
  receivedAt: Date;
  source: Lead["source"];
  status: Lead["status"];
  stage: string | null;
  wonValueCents: number | null;
  category: string;
  categoryName: string | null;
  contact: Lead["contact"];
  serviceAddress: Lead["serviceAddress"];
  description: string | null;
  priceCents: number;
  billingStatus: Lead["billingStatus"];
  externalId: string | null;
  /** The invoice this lead was billed on, if it has been invoiced. */
  invoice: { id: string; number: string; status: (typeof invoices.$inferSelect)["status"] } | null;
  attribution: { channel: string; campaign: string | null; costCents: number } | null;
  dispute: {
    id: string;
    status: Dispute["status"];
    reasonCode: Dispute["reasonCode"];
    evidenceNote: string | null;
    raisedAt: Date;
    decidedAt: Date | null;
    decisionNote: string | null;
    autoApprovedRule: string | null;
    creditCents: number;
  } | null;
  reclassifications: {
    id: string;
    at: Date;
    fromCategory: string;
    toCategory: string;
    /** The categories' names ("Water heater"), or the code when a category no longer exists. */
    fromCategoryName: string;
    toCategoryName: string;
    fromPriceCents: number;
    toPriceCents: number;
    reason: string;
  }[];
};

/** One of the tenant's own leads with its billing, attribution, dispute and history; anything else is a 404. */
export async function getLeadOrThrow(
  options: { tenantId: string; leadId: string },
  executor: Executor = db,
): Promise<TenantLeadDetail> {
  const { tenantId, leadId } = options;
  // A malformed id is as unknown as another tenant's: same 404, same message.
  const notFound = new AppError("not_found", "Lead not found");
  if (!isUuid(leadId)) throw notFound;

  const [row] = await executor
    .select({
      lead: leads,
      categoryName: leadCategories.name,
      invoiceId: invoices.id,
      invoiceNumber: invoices.number,
      invoiceStatus: invoices.status,
      attribution: attributions,
      dispute: leadDisputes,
    })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(leadCategories, and(eq(leadCategories.trade, tenants.trade), eq(leadCategories.code, leads.category)))
    .leftJoin(invoiceLines, and(eq(invoiceLines.id, leads.invoiceLineId), eq(invoiceLines.tenantId, tenantId)))
    .leftJoin(invoices, and(eq(invoices.id, invoiceLines.invoiceId), eq(invoices.tenantId, tenantId)))
    .leftJoin(attributions, and(eq(attributions.leadId, leads.id), eq(attributions.tenantId, tenantId)))
    .leftJoin(leadDisputes, and(eq(leadDisputes.leadId, leads.id), eq(leadDisputes.tenantId, tenantId)))
    .where(and(eq(leads.id, leadId), eq(leads.tenantId, tenantId)))
    .limit(1);
  if (!row) throw notFound;

  const history = await executor
    .select()
    .from(leadReclassifications)
    .where(and(eq(leadReclassifications.leadId, leadId), eq(leadReclassifications.tenantId, tenantId)))
    .orderBy(asc(leadReclassifications.createdAt));

  const { lead, attribution, dispute } = row;
  const names = history.length
    ? new Map(
        (
          await executor
            .select({ code: leadCategories.code, name: leadCategories.name })
            .from(leadCategories)
            .innerJoin(tenants, eq(tenants.trade, leadCategories.trade))
            .where(eq(tenants.id, tenantId))
        ).map((category) => [category.code, category.name]),
      )
    : new Map<string, string>();
  return {
    id: lead.id,
    receivedAt: lead.receivedAt,
    source: lead.source,
    status: lead.status,
    stage: lead.stage,
    wonValueCents: lead.wonValueCents,
    category: lead.category,
    categoryName: row.categoryName,
    contact: lead.contact,
    serviceAddress: lead.serviceAddress,
    description: lead.description,
    priceCents: lead.priceCents,
    billingStatus: lead.billingStatus,
    externalId: lead.externalId,
    invoice:
      row.invoiceId && row.invoiceNumber && row.invoiceStatus
        ? { id: row.invoiceId, number: row.invoiceNumber, status: row.invoiceStatus }
        : null,
    attribution: attribution
      ? { channel: attribution.channel, campaign: attribution.campaign, costCents: attribution.costCents }
      : null,
    dispute: dispute
      ? {
          id: dispute.id,
          status: dispute.status,
          reasonCode: dispute.reasonCode,
          evidenceNote: dispute.evidenceNote,
          raisedAt: dispute.createdAt,
          decidedAt: dispute.decidedAt,
          decisionNote: dispute.decisionNote,
          autoApprovedRule: dispute.autoApproved,
          creditCents: dispute.creditCents,
        }
      : null,
    reclassifications: history.map((entry) => ({
      id: entry.id,
      at: entry.createdAt,
      fromCategory: entry.fromCategory,
      toCategory: entry.toCategory,
      fromCategoryName: names.get(entry.fromCategory) ?? entry.fromCategory,
      toCategoryName: names.get(entry.toCategory) ?? entry.toCategory,
      fromPriceCents: entry.fromPriceCents,
      toPriceCents: entry.toPriceCents,
      reason: entry.reason,
    })),
  };
}
