import { db, type Executor } from "@pp/db";
import { invoices, leadDisputes, leads, tenants } from "@pp/db/schema";
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, or, sql } from "drizzle-orm";
import { moneyOwedCondition } from "../billing/money-owed";
import { AppError } from "../errors";
import { listTenantLeads, type TenantLeadListItem } from "../leads/list-tenant-leads";

export type TenantDashboard = {
  timezone: string;
  /** Monday 00:00 of the current ISO week in the tenant's timezone. */
  weekStartsAt: Date;
  newLeadsThisWeek: number;
  disputesPending: number;
  /** Disputes decided in the last 30 days, newest first (at most 5). */
  disputesRecentlyDecided: {
    id: string;
    leadId: string;
    contactName: string;
    status: "approved" | "rejected";
    decidedAt: Date;
    creditCents: number;
  }[];
  /** The draft invoice or invoice still owed (open or uncollectible) due first, or null when nothing is due. */
  nextInvoice: {
    id: string;
    number: string;
    status: "draft" | "open" | "uncollectible";
    amountDueCents: number;
    currency: string;
    dueAt: Date | null;
    overdue: boolean;
  } | null;
  recentLeads: TenantLeadListItem[];
};

const DECIDED_WINDOW_DAYS = 30;

/** The numbers a contractor sees first: this week's leads, disputes, the next invoice, recent leads. */
export async function getTenantDashboard(
  options: { tenantId: string; now?: Date },
  executor: Executor = db,
): Promise<TenantDashboard> {
  const { tenantId } = options;
  const now = options.now ?? new Date();

  // The week starts on Monday in the tenant's own timezone: a Sunday-evening lead in Denver is last week's.
  const [tenant] = await executor
    .select({
      timezone: tenants.timezone,
      weekStartsAtEpoch: sql<number>`extract(epoch from date_trunc('week', ${now.toISOString()}::timestamptz at time zone ${tenants.timezone}) at time zone ${tenants.timezone})::float8`,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new AppError("not_found", "Tenant not found");
  const weekStartsAt = new Date(Number(tenant.weekStartsAtEpoch) * 1000);

  const [leadCount] = await executor
    .select({ value: count() })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), gte(leads.receivedAt, weekStartsAt), lte(leads.receivedAt, now)));

  const [pending] = await executor
    .select({ value: count() })
    .from(leadDisputes)
    .where(and(eq(leadDisputes.tenantId, tenantId), eq(leadDisputes.status, "pending")));

  const decidedSince = new Date(now.getTime() - DECIDED_WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const decided = await executor
    .select({
      id: leadDisputes.id,
      leadId: leadDisputes.leadId,
      contact: leads.contact,
      status: leadDisputes.status,
      decidedAt: leadDisputes.decidedAt,
      creditCents: leadDisputes.creditCents,
    })
    .from(leadDisputes)
    .innerJoin(leads, and(eq(leads.id, leadDisputes.leadId), eq(leads.tenantId, tenantId)))
    .where(
      and(
        eq(leadDisputes.tenantId, tenantId),
        inArray(leadDisputes.status, ["approved", "rejected"]),
        isNotNull(leadDisputes.decidedAt),
        gte(leadDisputes.decidedAt, decidedSince),
      ),
    )
    .orderBy(desc(leadDisputes.decidedAt))
    .limit(5);

  const [invoice] = await executor
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), or(eq(invoices.status, "draft"), moneyOwedCondition())))
    .orderBy(sql`${invoices.dueAt} asc nulls last`, asc(invoices.periodEnd))
    .limit(1);

  const recent = await listTenantLeads({ tenantId, limit: 5 }, executor);

  return {
    timezone: tenant.timezone,
    weekStartsAt,
    newLeadsThisWeek: leadCount?.value ?? 0,
    disputesPending: pending?.value ?? 0,
    disputesRecentlyDecided: decided.flatMap((row) =>
      row.decidedAt && row.status !== "pending"
        ? [
            {
              id: row.id,
              leadId: row.leadId,
              contactName: row.contact.name,
              status: row.status,
              decidedAt: row.decidedAt,
              creditCents: row.creditCents,
            },
          ]
        : [],
    ),
    nextInvoice:
      invoice && (invoice.status === "draft" || invoice.status === "open" || invoice.status === "uncollectible")
        ? {
            id: invoice.id,
            number: invoice.number,
            status: invoice.status,
            // A draft's amount due is only set when it is issued; until then its total is what will be due.
            amountDueCents:
              invoice.status === "draft"
                ? Math.max(invoice.totalCents - invoice.amountPaidCents, 0)
                : invoice.amountDueCents,
            currency: invoice.currency,
            dueAt: invoice.dueAt,
            overdue: invoice.status !== "draft" && invoice.dueAt !== null && invoice.dueAt < now,
          }
        : null,
    recentLeads: recent.data,
  };
}
