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
