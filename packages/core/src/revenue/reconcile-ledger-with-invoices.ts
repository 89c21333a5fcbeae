import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { resolveRange, type TRevenueQuery } from "./revenue-query";

export type ReconciliationRow = {
  invoiceId: string;
  number: string;
  tenantId: string;
  tenantName: string;
  month: string;
  /** The subscription's MRR in the ledger at the period end, × the months the period covers. */
  ledgerCents: number;
  /** Subscription line + coupon discount + proration lines, as invoiced. */
  invoicedCents: number;
  /** Coupon discounts not in MRR (once and repeating coupons; forever coupons are in both). */
  couponCents: number;
  prorationCents: number;
  /** Credit lines: they lower what is paid, not subscription revenue. Listed, not part of the gap. */
  creditCents: number;
  unexplainedCents: number;
};

export type Reconciliation = {
  months: {
    month: string;
    ledgerCents: number;
    invoicedCents: number;
    couponCents: number;
    prorationCents: number;
    creditCents: number;
    unexplainedCents: number;
  }[];
  /** Invoices whose invoiced subscription revenue differs from the ledger, with the reason. */
  differences: ReconciliationRow[];
};

/**
 * Reconciles the MRR ledger against what was invoiced for subscriptions, per invoice and per month
 * (by period start): differences are explained by non-recurring coupons and prorations; credits are
 * listed beside them; anything left is `unexplained` (a change that skipped the ledger).
 */
export async function reconcileLedgerWithInvoices(
  options: TRevenueQuery & { now?: Date },
  executor: Executor = db,
): Promise<Reconciliation> {
  const range = resolveRange(options, options.now ?? new Date());
  const rows = await executor.execute<{
    invoice_id: string;
    number: string;
    tenant_id: string;
    tenant_name: string;
    month: string;
    ledger: string | number;
    subscription_lines: string | number;
    coupon_lines: string | number;
    recurring_coupon: boolean;
    proration_lines: string | number;
    credit_lines: string | number;
  }>(sql`
    select i.id as invoice_id, i.number, i.tenant_id, t.name as tenant_name,
      to_char(date_trunc('month', i.period_start at time zone 'UTC'), 'YYYY-MM') as month,
      coalesce((select e.mrr_after_cents from subscription_events e
        where e.subscription_id = i.subscription_id and e.effective_at < i.period_end
        order by e.effective_at desc, e.id desc limit 1), 0)
        * (case when p.interval = 'year' then 12 else 1 end) as ledger,
      coalesce(sum(l.amount_cents) filter (where l.kind = 'subscription'), 0) as subscription_lines,
      coalesce(sum(l.amount_cents) filter (where l.kind = 'adjustment' and l.lead_id is null and l.amount_cents < 0
        and sp.id is null), 0) as coupon_lines,
      coalesce(bool_or(c.duration = 'forever'), false) as recurring_coupon,
      coalesce(sum(l.amount_cents) filter (where sp.id is not null), 0) as proration_lines,
      coalesce(sum(l.amount_cents) filter (where l.kind = 'credit'), 0) as credit_lines
    from invoices i
    join tenants t on t.id = i.tenant_id
    join subscriptions s on s.id = i.subscription_id
    join plans p on p.id = s.plan_id
    left join coupons c on c.id = s.coupon_id
    join invoice_lines l on l.invoice_id = i.id
    left join subscription_prorations sp on sp.invoice_line_id = l.id
    where i.status <> 'void'
      and i.period_start >= ${`${range.from}-01`}::timestamptz
      and i.period_start < (${`${range.to}-01`}::timestamptz + interval '1 month')
    group by i.id, t.name, p.interval
    having bool_or(l.kind = 'subscription')
    order by i.period_start, i.number
  `);
  const months = new Map<string, Reconciliation["months"][number]>();
  const differences: ReconciliationRow[] = [];
  for (const row of rows.rows) {
    const ledger = Number(row.ledger);
    const couponLines = Number(row.coupon_lines);
    const coupon = row.recurring_coupon ? 0 : couponLines;
    const proration = Number(row.proration_lines);
    const invoiced = Number(row.subscription_lines) + couponLines + proration;
    const unexplained = invoiced - ledger - coupon - proration;
    const entry: ReconciliationRow = {
      invoiceId: row.invoice_id,
      number: row.number,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      month: row.month,
      ledgerCents: ledger,
      invoicedCents: invoiced,
      couponCents: coupon,
      prorationCents: proration,
      creditCents: Number(row.credit_lines),
      unexplainedCents: unexplained,
    };
    if (coupon !== 0 || proration !== 0 || unexplained !== 0 || entry.creditCents !== 0) differences.push(entry);
    const month = months.get(row.month) ?? {
      month: row.month,
      ledgerCents: 0,
      invoicedCents: 0,
      couponCents: 0,
      prorationCents: 0,
      creditCents: 0,
      unexplainedCents: 0,
    };
    month.ledgerCents += ledger;
    month.invoicedCents += invoiced;
    month.couponCents += coupon;
    month.prorationCents += proration;
    month.creditCents += entry.creditCents;
    month.unexplainedCents += unexplained;
    months.set(row.month, month);
  }
  return { months: [...months.values()], differences };
}
