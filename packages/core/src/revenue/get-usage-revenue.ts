import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import type { RevenueRange } from "./revenue-query";

/**
 * Usage revenue per month: per-lead charges net of the credits given back for leads, from the
 * lines of non-void invoices by the month their period starts. Shown beside MRR, never in it.
 */
export async function getUsageRevenue(
  range: Pick<RevenueRange, "from" | "to" | "segment">,
  tenantIds: readonly string[] | null,
  executor: Executor = db,
): Promise<Map<string, number>> {
  const rows = await executor.execute<{ month: string; cents: string | number }>(sql`
    select to_char(date_trunc('month', i.period_start at time zone 'UTC'), 'YYYY-MM') as month,
      sum(l.amount_cents) as cents
    from invoice_lines l
    join invoices i on i.id = l.invoice_id
    where i.status <> 'void'
      and (l.kind = 'lead' or (l.kind = 'credit' and l.lead_id is not null))
      and i.period_start >= ${`${range.from}-01`}::timestamptz
      and i.period_start < (${`${range.to}-01`}::timestamptz + interval '1 month')
      ${tenantIds ? sql`and i.tenant_id = any(${`{${tenantIds.join(",")}}`}::uuid[])` : sql``}
    group by 1
  `);
  return new Map(rows.rows.map((row) => [row.month, Number(row.cents)]));
}

/**
 * Usage revenue for each of `months`: a month that carries its figure (read from the snapshots)
 * keeps it; the others are read from invoices, in one query over their span.
 */
export async function usageRevenueByMonth(
  months: readonly { month: string; usageRevenueCents?: number | null }[],
  scope: { segment: RevenueRange["segment"]; tenantIds: readonly string[] | null },
  executor: Executor = db,
): Promise<Map<string, number>> {
  const missing = months.filter((month) => month.usageRevenueCents === null || month.usageRevenueCents === undefined);
  const first = missing[0];
  const last = missing.at(-1);
  const fromInvoices =
    first && last
      ? await getUsageRevenue({ from: first.month, to: last.month, segment: scope.segment }, scope.tenantIds, executor)
      : new Map<string, number>();
  return new Map(
    months.map((month) => [month.month, month.usageRevenueCents ?? fromInvoices.get(month.month) ?? 0] as const),
  );
}
