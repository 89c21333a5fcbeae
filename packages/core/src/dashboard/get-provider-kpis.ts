import { db, type Executor } from "@pp/db";
import { apiUsage, invoices, leadDisputes, tenants } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { startOfUtcMonth } from "../tenants/start-of-utc-month";
import { resolveApiUsageWindow } from "../usage/api-usage-filters";

export type ProviderKpis = {
  /** Tenants with status `active` (paying and in good standing). */
  activeTenants: number;
  /** Tenants with status `trial`. */
  trialingTenants: number;
  /** Tenants with status `past_due` (a payment failed; Payment Retries are running). */
  pastDueTenants: number;
  /** Tenants created since the start of this month (UTC), whatever their status. */
  newThisMonth: number;
  disputesPending: number;
  /** Open invoices whose due date has passed. */
  invoicesOverdue: number;
  invoicesOverdueAmountCents: number;
  /** API requests logged in the 24 hours before `now`. */
  apiRequests24h: number;
  /** When the numbers were computed. */
  asOf: Date;
};

/** The dashboard's KPI row, counted from the rows themselves in one round trip. */
export async function getProviderKpis(
  { now = new Date() }: { now?: Date } = {},
  executor: Executor = db,
): Promise<ProviderKpis> {
  const monthStart = startOfUtcMonth(now);
  // The same 24 hourly buckets API Usage's "24h" shows, so the card and the page it opens agree.
  const dayAgo = resolveApiUsageWindow({ range: "24h" }, now).start;
  const result = await executor.execute<{
    active: number;
    trialing: number;
    past_due: number;
    new_this_month: number;
    disputes_pending: number;
    invoices_overdue: number;
    invoices_overdue_amount: number;
    api_requests_24h: number;
  }>(sql`
    select
      (select count(*) filter (where ${tenants.status} = 'active') from ${tenants})::int as active,
      (select count(*) filter (where ${tenants.status} = 'trial') from ${tenants})::int as trialing,
      (select count(*) filter (where ${tenants.status} = 'past_due') from ${tenants})::int as past_due,
      (select count(*) from ${tenants} where ${tenants.createdAt} >= ${monthStart})::int as new_this_month,
      (select count(*) from ${leadDisputes} where ${leadDisputes.status} = 'pending')::int as disputes_pending,
      (select count(*) from ${invoices} where ${invoices.status} in ('open', 'uncollectible') and ${invoices.writtenOffAt} is null
          and ${invoices.amountDueCents} > 0 and ${invoices.dueAt} < ${now})::int
        as invoices_overdue,
      (select coalesce(sum(${invoices.amountDueCents}), 0) from ${invoices}
        where ${invoices.status} in ('open', 'uncollectible') and ${invoices.writtenOffAt} is null
          and ${invoices.amountDueCents} > 0 and ${invoices.dueAt} < ${now})::bigint as invoices_overdue_amount,
      (select count(*) from ${apiUsage} where ${apiUsage.at} >= ${dayAgo} and ${apiUsage.at} <= ${now})::bigint
        as api_requests_24h
  `);
  const row = result.rows[0];
  return {
    activeTenants: Number(row?.active ?? 0),
    trialingTenants: Number(row?.trialing ?? 0),
    pastDueTenants: Number(row?.past_due ?? 0),
    newThisMonth: Number(row?.new_this_month ?? 0),
    disputesPending: Number(row?.disputes_pending ?? 0),
    invoicesOverdue: Number(row?.invoices_overdue ?? 0),
    invoicesOverdueAmountCents: Number(row?.invoices_overdue_amount ?? 0),
    apiRequests24h: Number(row?.api_requests_24h ?? 0),
    asOf: now,
  };
}
