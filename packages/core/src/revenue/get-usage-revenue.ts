import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { addMonthsTo } from "./ledger-math";
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
 * keeps it; the others are read from invoices, one query per run of consecutive months, so the
 * open month and months before the snapshots begin do not read every invoice between them.
 */
export async function usageRevenueByMonth(
  months: readonly { month: string; usageRevenueCents?: number | null }[],
  scope: { segment: RevenueRange["segment"]; tenantIds: readonly string[] | null },
  executor: Executor = db,
): Promise<Map<string, number>> {
  const runs: { from: string; to: string }[] = [];
  for (const { month, usageRevenueCents } of months) {
    if (usageRevenueCents !== null && usageRevenueCents !== undefined) continue;
    const last = runs.at(-1);
    if (last && addMonthsTo(last.to, 1) === month) last.to = month;
    else runs.push({ from: month, to: month });
  }
  const fromInvoices = new Map<string, number>();
  for (const run of runs) {
    for (const [month, cents] of await getUsageRevenue({ ...run, segment: scope.segment }, scope.tenantIds, executor))
      fromInvoices.set(month, cents);
  }
  return new Map(
    months.map((month) => [month.month, month.usageRevenueCents ?? fromInvoices.get(month.month) ?? 0] as const),
  );
}
