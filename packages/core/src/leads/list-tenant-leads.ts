import { db, type Executor } from "@pp/db";
import { leadCategories, leadDisputes, leads, tenants } from "@pp/db/schema";
import { and, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, page } from "../pagination";
import { DEFAULT_LEADS_PAGE_SIZE, MAX_LEADS_PAGE_SIZE, type TTenantLeadFilters } from "./lead-filters";

export type ListTenantLeadsOptions = TTenantLeadFilters & { tenantId: string };

export type TenantLeadListItem = {
  id: string;
  receivedAt: Date;
  contactName: string;
  serviceZip: string;
  category: string;
  /** The catalog name for the tenant's trade, or null when the code is not in the catalog. */
  categoryName: string | null;
  source: (typeof leads.$inferSelect)["source"];
  status: (typeof leads.$inferSelect)["status"];
  stage: string | null;
  wonValueCents: number | null;
  priceCents: number;
  billingStatus: (typeof leads.$inferSelect)["billingStatus"];
  disputeStatus: (typeof leadDisputes.$inferSelect)["status"] | null;
};

export type TenantLeadPage = { data: TenantLeadListItem[]; nextCursor: string | null };

// The cursor carries Postgres's own text for received_at: a JS Date would drop the microseconds.
const ZLeadCursor = z.tuple([z.string().refine((text) => !Number.isNaN(Date.parse(text))), z.uuid()]);

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Local midnight of a calendar day in the tenant's own timezone, computed by Postgres. */
function tenantDayStart(tenantId: string, day: string, plusDays = 0): SQL {
  return sql`((${day}::date + ${plusDays}::int)::timestamp at time zone (select ${tenants.timezone} from ${tenants} where ${tenants.id} = ${tenantId}))`;
}

/** One page of a tenant's leads, newest first, with the filters the lead list offers. */
export async function listTenantLeads(
  options: ListTenantLeadsOptions,
  executor: Executor = db,
): Promise<TenantLeadPage> {
  const { tenantId } = options;
  const limit = Math.min(options.limit ?? DEFAULT_LEADS_PAGE_SIZE, MAX_LEADS_PAGE_SIZE);
  const conditions: SQL[] = [eq(leads.tenantId, tenantId)];
  if (options.status) conditions.push(eq(leads.status, options.status));
  if (options.source) conditions.push(eq(leads.source, options.source));
  if (options.billingStatus) conditions.push(eq(leads.billingStatus, options.billingStatus));
  if (options.dispute === "none") conditions.push(isNull(leadDisputes.id));
  else if (options.dispute) conditions.push(eq(leadDisputes.status, options.dispute));
  if (options.category) conditions.push(eq(leads.category, options.category));
  if (options.from) conditions.push(sql`${leads.receivedAt} >= ${tenantDayStart(tenantId, options.from)}`);
  if (options.to) conditions.push(sql`${leads.receivedAt} < ${tenantDayStart(tenantId, options.to, 1)}`);
  if (options.search) {
    const pattern = `%${escapeLike(options.search)}%`;
    const matches = or(
      ilike(sql`${leads.contact}->>'name'`, pattern),
      ilike(sql`${leads.contact}->>'email'`, pattern),
      ilike(sql`${leads.contact}->>'phone'`, pattern),
      ilike(sql`${leads.serviceAddress}->>'zip'`, pattern),
      ilike(leads.description, pattern),
    );
    if (matches) conditions.push(matches);
  }
  if (options.cursor) {
    const [receivedAt, id] = decodeCursor(options.cursor, ZLeadCursor);
    conditions.push(sql`(${leads.receivedAt}, ${leads.id}) < (${receivedAt}::timestamptz, ${id}::uuid)`);
  }

  const rows = await executor
    .select({
      id: leads.id,
      receivedAt: leads.receivedAt,
      receivedAtText: sql<string>`${leads.receivedAt}::text`,
      contact: leads.contact,
      serviceAddress: leads.serviceAddress,
      category: leads.category,
      categoryName: leadCategories.name,
      source: leads.source,
      status: leads.status,
      stage: leads.stage,
      wonValueCents: leads.wonValueCents,
      priceCents: leads.priceCents,
      billingStatus: leads.billingStatus,
      disputeStatus: leadDisputes.status,
    })
    .from(leads)
    .innerJoin(tenants, eq(tenants.id, leads.tenantId))
    .leftJoin(leadCategories, and(eq(leadCategories.trade, tenants.trade), eq(leadCategories.code, leads.category)))
    .leftJoin(leadDisputes, and(eq(leadDisputes.leadId, leads.id), eq(leadDisputes.tenantId, tenantId)))
    .where(and(...conditions))
    .orderBy(desc(leads.receivedAt), desc(leads.id))
    .limit(limit + 1);

  const result = page(rows, limit, (row) => [row.receivedAtText, row.id]);
  return {
    data: result.data.map((row) => ({
      id: row.id,
      receivedAt: row.receivedAt,
      contactName: row.contact.name,
      serviceZip: row.serviceAddress.zip,
      category: row.category,
      categoryName: row.categoryName,
      source: row.source,
      status: row.status,
      stage: row.stage,
      wonValueCents: row.wonValueCents,
      priceCents: row.priceCents,
      billingStatus: row.billingStatus,
      disputeStatus: row.disputeStatus,
    })),
    nextCursor: result.nextCursor,
  };
}
