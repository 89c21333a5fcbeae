import { db, type Executor } from "@pp/db";
import {
  DISPUTE_STATUSES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  leadCategories,
  leadDisputes,
  leads,
  tenants,
} from "@pp/db/schema";
import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { zDay, zIntParam } from "../input/zod-pieces";
import { decodeCursor, type Page, page } from "../pagination";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The provider lead list's filters as they appear in the URL (`from`/`to`: UTC days, inclusive). */
export const ZProviderLeadFilters = z.object({
  tenantId: optional(z.uuid("must be a client id")),
  status: optional(z.enum(LEAD_STATUSES)),
  source: optional(z.enum(LEAD_SOURCES)),
  category: optional(z.string().trim().max(64)),
  /** A dispute status, or "none" for leads never disputed. */
  dispute: optional(z.enum([...DISPUTE_STATUSES, "none"])),
  from: optional(zDay("use YYYY-MM-DD")),
  to: optional(zDay("use YYYY-MM-DD")),
  cursor: optional(z.string().max(2048)),
  limit: optional(zIntParam({ min: 1, max: 100 })),
});
export type TProviderLeadFilters = z.output<typeof ZProviderLeadFilters>;

export type ProviderLeadListItem = {
  id: string;
  tenantId: string;
  tenantName: string;
  receivedAt: Date;
  contactName: string;
  category: string;
  categoryName: string | null;
  source: (typeof leads.$inferSelect)["source"];
  status: (typeof leads.$inferSelect)["status"];
  priceCents: number;
  billingStatus: (typeof leads.$inferSelect)["billingStatus"];
  invoiced: boolean;
  disputeStatus: (typeof leadDisputes.$inferSelect)["status"] | null;
  disputeReason: (typeof leadDisputes.$inferSelect)["reasonCode"] | null;
  disputeRaisedAt: Date | null;
};

const ZCursor = z.tuple([z.string().refine((text) => !Number.isNaN(Date.parse(text))), z.uuid()]);

/** Leads across clients, newest first (staff view), with the filters of /provider/leads. */
export async function listProviderLeads(
  options: TProviderLeadFilters,
  executor: Executor = db,
): Promise<{ data: ProviderLeadListItem[]; nextCursor: string | null }> {
  const limit = options.limit ?? 25;
  const conditions: SQL[] = [];
  if (options.tenantId) conditions.push(eq(leads.tenantId, options.tenantId));
  if (options.status) conditions.push(eq(leads.status, options.status));
  if (options.source) conditions.push(eq(leads.source, options.source));
  if (options.category) conditions.push(eq(leads.category, options.category));
  if (options.dispute === "none") conditions.push(isNull(leadDisputes.id));
  else if (options.dispute) conditions.push(eq(leadDisputes.status, options.dispute));
  if (options.from) conditions.push(sql`${leads.receivedAt} >= ${options.from}::date::timestamp at time zone 'UTC'`);
  if (options.to) conditions.push(sql`${leads.receivedAt} < (${options.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (options.cursor) {
    const [receivedAt, id] = decodeCursor(options.cursor, ZCursor);
    conditions.push(sql`(${leads.receivedAt}, ${leads.id}) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await executor
    .select({
      id: leads.id,
      tenantId: leads.tenantId,
      tenantName: tenants.name,
      receivedAt: leads.receivedAt,
      receivedAtText: sql<string>`${leads.receivedAt}::text`,
      contact: leads.contact,
      category: leads.category,
      categoryName: leadCategories.name,
      source: leads.source,
      status: leads.status,
      priceCents: leads.priceCents,
      billingStatus: leads.billingStatus,
      invoiceLineId: leads.invoiceLineId,
      disputeStatus: leadDisputes.status,
      disputeReason: leadDisputes.reasonCode,
      disputeRaisedAt: leadDisputes.createdAt,
    })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(leadCategories, and(eq(leadCategories.trade, tenants.trade), eq(leadCategories.code, leads.category)))
    .leftJoin(leadDisputes, and(eq(leadDisputes.leadId, leads.id), eq(leadDisputes.tenantId, leads.tenantId)))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(leads.receivedAt), desc(leads.id))
    .limit(limit + 1);
  const result = page(rows, limit, (row) => [row.receivedAtText, row.id]);
  return {
    data: result.data.map(({ receivedAtText: _text, contact, invoiceLineId, ...row }) => ({
      ...row,
      contactName: contact.name,
      invoiced: invoiceLineId !== null,
    })),
    nextCursor: result.nextCursor,
  };
}

export type PendingDispute = {
  disputeId: string;
  leadId: string;
  tenantId: string;
  tenantName: string;
  reasonCode: (typeof leadDisputes.$inferSelect)["reasonCode"];
  evidenceNote: string | null;
  raisedAt: Date;
  ageHours: number;
  category: string;
  categoryName: string | null;
  priceCents: number;
  invoiced: boolean;
};

const ZQueueCursor = z.tuple([z.string().refine((text) => !Number.isNaN(Date.parse(text))), z.uuid()]);

/**
 * The Disputes queue: pending disputes, oldest first (the one waiting longest is decided first),
 * a page at a time on a `(raised at, id)` keyset.
 */
export async function listPendingDisputes(
  options: { tenantId?: string; cursor?: string; limit?: number; now?: Date },
  executor: Executor = db,
): Promise<Page<PendingDispute>> {
  const now = options.now ?? new Date();
  const limit = Math.min(options.limit ?? 25, 100);
  const after = options.cursor ? decodeCursor(options.cursor, ZQueueCursor) : null;
  const rows = await executor
    .select({
      disputeId: leadDisputes.id,
      raisedAtText: sql<string>`${leadDisputes.createdAt}::text`,
      leadId: leads.id,
      tenantId: leads.tenantId,
      tenantName: tenants.name,
      reasonCode: leadDisputes.reasonCode,
      evidenceNote: leadDisputes.evidenceNote,
      raisedAt: leadDisputes.createdAt,
      category: leads.category,
      categoryName: leadCategories.name,
      priceCents: leads.priceCents,
      invoiceLineId: leads.invoiceLineId,
    })
    .from(leadDisputes)
    .innerJoin(leads, and(eq(leads.id, leadDisputes.leadId), eq(leads.tenantId, leadDisputes.tenantId)))
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(leadCategories, and(eq(leadCategories.trade, tenants.trade), eq(leadCategories.code, leads.category)))
    .where(
      and(
        eq(leadDisputes.status, "pending"),
        options.tenantId ? eq(leadDisputes.tenantId, options.tenantId) : undefined,
        after
          ? sql`(${leadDisputes.createdAt}, ${leadDisputes.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(leadDisputes.createdAt), asc(leadDisputes.id))
    .limit(limit + 1);
  const shown = page(rows, limit, (row) => [row.raisedAtText, row.disputeId]);
  return {
    nextCursor: shown.nextCursor,
    data: shown.data.map(({ invoiceLineId, raisedAtText: _text, ...row }) => ({
      ...row,
      invoiced: invoiceLineId !== null,
      ageHours: Math.max(0, Math.floor((now.getTime() - row.raisedAt.getTime()) / 3_600_000)),
    })),
  };
}

/** How many disputes wait for a decision (the Disputes queue's tab count). */
export async function countPendingDisputes(
  options: { tenantId?: string } = {},
  executor: Executor = db,
): Promise<number> {
  const [row] = await executor
    .select({ count: sql<number>`count(*)::int` })
    .from(leadDisputes)
    .where(
      and(
        eq(leadDisputes.status, "pending"),
        options.tenantId ? eq(leadDisputes.tenantId, options.tenantId) : undefined,
      ),
    );
  return row?.count ?? 0;
}
