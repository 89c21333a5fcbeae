import { db, type Executor } from "@pp/db";
import { leadCategories, leads, tenants } from "@pp/db/schema";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { decodeCursor, page } from "../pagination";
import { isUuid } from "../parse-input";

type LeadRow = typeof leads.$inferSelect;

/** A lead as the public API shows it (GET/POST/PATCH /api/v1/leads…). */
export type ApiLead = {
  id: string;
  receivedAt: string;
  source: LeadRow["source"];
  status: LeadRow["status"];
  category: string;
  categoryName: string | null;
  contact: LeadRow["contact"];
  serviceAddress: LeadRow["serviceAddress"];
  description: string | null;
  priceCents: number;
  billingStatus: LeadRow["billingStatus"];
  externalId: string | null;
  updatedAt: string;
};

const columns = {
  lead: leads,
  categoryName: leadCategories.name,
  receivedAtText: sql<string>`${leads.receivedAt}::text`,
};

function toApiLead(row: { lead: LeadRow; categoryName: string | null }): ApiLead {
  const { lead } = row;
  return {
    id: lead.id,
    receivedAt: lead.receivedAt.toISOString(),
    source: lead.source,
    status: lead.status,
    category: lead.category,
    categoryName: row.categoryName,
    contact: lead.contact,
    serviceAddress: lead.serviceAddress,
    description: lead.description,
    priceCents: lead.priceCents,
    billingStatus: lead.billingStatus,
    externalId: lead.externalId,
    updatedAt: lead.updatedAt.toISOString(),
  };
}

function selectLeads(executor: Executor) {
  return executor
    .select(columns)
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(leadCategories, and(eq(leadCategories.trade, tenants.trade), eq(leadCategories.code, leads.category)));
}

/** One of the tenant's leads for the public API; another tenant's id, or a malformed one, is a 404. */
export async function getApiLeadOrThrow(
  options: { tenantId: string; leadId: string },
  executor: Executor = db,
): Promise<ApiLead> {
  if (!isUuid(options.leadId)) throw new AppError("not_found", "Lead not found");
  const [row] = await selectLeads(executor)
    .where(and(eq(leads.id, options.leadId), eq(leads.tenantId, options.tenantId)))
    .limit(1);
  if (!row) throw new AppError("not_found", "Lead not found");
  return toApiLead(row);
}

export type ListApiLeadsOptions = {
  tenantId: string;
  status?: LeadRow["status"];
  category?: string;
  /** Only leads received at or after this instant. */
  since?: Date;
  limit: number;
  cursor?: string;
};

// Postgres's own text for received_at: a JS Date would drop the microseconds and skip or repeat rows.
const ZApiLeadCursor = z.tuple([z.string().refine((text) => !Number.isNaN(Date.parse(text))), z.uuid()]);

/** A page of the tenant's leads, newest first: `{ data, nextCursor }`. */
export async function listApiLeads(
  options: ListApiLeadsOptions,
  executor: Executor = db,
): Promise<{ data: ApiLead[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(leads.tenantId, options.tenantId)];
  if (options.status) conditions.push(eq(leads.status, options.status));
  if (options.category) conditions.push(eq(leads.category, options.category));
  if (options.since) conditions.push(sql`${leads.receivedAt} >= ${options.since.toISOString()}::timestamptz`);
  if (options.cursor) {
    const [receivedAt, id] = decodeCursor(options.cursor, ZApiLeadCursor);
    conditions.push(sql`(${leads.receivedAt}, ${leads.id}) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await selectLeads(executor)
    .where(and(...conditions))
    .orderBy(desc(leads.receivedAt), desc(leads.id))
    .limit(options.limit + 1);
  const result = page(rows, options.limit, (row) => [row.receivedAtText, row.lead.id]);
  return { data: result.data.map(toApiLead), nextCursor: result.nextCursor };
}
