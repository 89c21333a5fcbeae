import { db, type Executor, reusedQuery } from "@pp/db";
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

type ListFilter = "status" | "category" | "since" | "cursor";
const LIST_FILTERS: readonly ListFilter[] = ["status", "category", "since", "cursor"];

/** The list query with the given filters, its values as placeholders (bound at execute). */
function selectLeadPage(executor: Executor, filters: ReadonlySet<ListFilter>) {
  const conditions: SQL[] = [eq(leads.tenantId, sql.placeholder("tenantId"))];
  if (filters.has("status")) conditions.push(eq(leads.status, sql.placeholder("status")));
  if (filters.has("category")) conditions.push(eq(leads.category, sql.placeholder("category")));
  if (filters.has("since")) conditions.push(sql`${leads.receivedAt} >= ${sql.placeholder("since")}::timestamptz`);
  if (filters.has("cursor")) {
    conditions.push(
      sql`(${leads.receivedAt}, ${leads.id}) < (${sql.placeholder("cursorAt")}::timestamptz, ${sql.placeholder("cursorId")}::uuid)`,
    );
  }
  return selectLeads(executor)
    .where(and(...conditions))
    .orderBy(desc(leads.receivedAt), desc(leads.id))
    .limit(sql.placeholder("limit"));
}

// The public API's busiest query: one prepared statement per combination of filters (16 at most),
// built by Drizzle and planned by PostgreSQL once per connection, not per request.
const preparedLeadPages = new Map<string, () => ReturnType<ReturnType<typeof selectLeadPage>["prepare"]>>();

function preparedLeadPage(filters: ReadonlySet<ListFilter>) {
  const name = `api_leads_${LIST_FILTERS.map((filter) => (filters.has(filter) ? "1" : "0")).join("")}`;
  let prepared = preparedLeadPages.get(name);
  if (!prepared) {
    prepared = reusedQuery((database) => selectLeadPage(database, filters).prepare(name));
    preparedLeadPages.set(name, prepared);
  }
  return prepared();
}

/** A page of the tenant's leads, newest first: `{ data, nextCursor }`. */
export async function listApiLeads(
  options: ListApiLeadsOptions,
  executor: Executor = db,
): Promise<{ data: ApiLead[]; nextCursor: string | null }> {
  const filters = new Set<ListFilter>();
  const values: Record<string, unknown> = { tenantId: options.tenantId, limit: options.limit + 1 };
  if (options.status) {
    filters.add("status");
    values.status = options.status;
  }
  if (options.category) {
    filters.add("category");
    values.category = options.category;
  }
  if (options.since) {
    filters.add("since");
    values.since = options.since.toISOString();
  }
  if (options.cursor) {
    const [receivedAt, id] = decodeCursor(options.cursor, ZApiLeadCursor);
    filters.add("cursor");
    values.cursorAt = receivedAt;
    values.cursorId = id;
  }
  const rows =
    executor === db
      ? await preparedLeadPage(filters).execute(values)
      : await selectLeadPage(executor, filters).execute(values);
  const result = page(rows, options.limit, (row) => [row.receivedAtText, row.lead.id]);
  return { data: result.data.map(toApiLead), nextCursor: result.nextCursor };
}
