import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";

export type RecoveryFigures = {
  /** Invoices whose first failed attempt falls in the group. */
  failedInvoices: number;
  /** What their first failed attempts tried to collect. */
  failedCents: number;
  /** Of those, invoices later paid (a succeeded payment after the first failure). */
  recoveredInvoices: number;
  /** The succeeded payments after the first failure. */
  recoveredCents: number;
  /** recoveredInvoices / failedInvoices, in percent with one decimal (0 when nothing failed). */
  recoveryRate: number;
};

export type PaymentRetryAnalytics = {
  /** Oldest first, every month of the window (empty months as zeros), by the month of the first failure. */
  months: (RecoveryFigures & { month: string })[];
  /** Attempt 1 is the first failure: `tried` invoices got an attempt n, `recovered` were paid by it. */
  byAttempt: { attempt: number; tried: number; recovered: number; recoveredCents: number; rate: number }[];
  /** By the reason of the first failure ("Card declined — insufficient funds", "no_payment_method", …). */
  byReason: (RecoveryFigures & { reason: string })[];
};

const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);
const figures = (row: { failed: unknown; failed_cents: unknown; recovered: unknown; recovered_cents: unknown }) => {
  const failedInvoices = Number(row.failed);
  const recoveredInvoices = Number(row.recovered);
  return {
    failedInvoices,
    failedCents: Number(row.failed_cents),
    recoveredInvoices,
    recoveredCents: Number(row.recovered_cents),
    recoveryRate: rate(recoveredInvoices, failedInvoices),
  };
};

/**
 * Payment Retries analytics (Billing › Payment Retries): of the invoices whose payment failed, how
 * many and how much was recovered afterwards, per month of the first failure, by the attempt that
 * succeeded, and by the first decline reason. Attempts are the payments rows in time order, so a
 * payment recorded by staff counts as the attempt that recovered the invoice too.
 */
export async function getPaymentRetryAnalytics(
  options: { now?: Date; months?: number } = {},
  executor: Executor = db,
): Promise<PaymentRetryAnalytics> {
  const now = options.now ?? new Date();
  const months = Math.min(Math.max(options.months ?? 6, 1), 24);
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const base = sql`
    with attempts as (
      select p.invoice_id, p.status, p.amount_cents, p.failure_reason, p.attempted_at,
        row_number() over (partition by p.invoice_id order by p.attempted_at, p.created_at, p.id) as n
      from payments p where p.attempted_at <= ${now}
    ), first_failure as (
      select distinct on (invoice_id) invoice_id, n, attempted_at, failure_reason, amount_cents
      from attempts where status = 'failed' order by invoice_id, n
    ), retried as (
      -- One join and group per failed invoice (correlated subqueries re-scanned every attempt per invoice).
      select f.invoice_id, to_char(f.attempted_at at time zone 'UTC', 'YYYY-MM') as month,
        f.failure_reason as reason, f.amount_cents as failed_cents,
        min(a.n) filter (where a.n > f.n and a.status = 'succeeded') - f.n + 1 as recovered_at,
        coalesce(sum(a.amount_cents) filter (where a.n > f.n and a.status = 'succeeded'), 0) as recovered_cents,
        count(*) filter (where a.n >= f.n) as attempts
      from first_failure f join attempts a on a.invoice_id = f.invoice_id
      where f.attempted_at >= ${from}
      group by f.invoice_id, f.n, f.attempted_at, f.failure_reason, f.amount_cents
    )`;
  const summary = sql`count(*) as failed, coalesce(sum(failed_cents), 0) as failed_cents,
    count(recovered_at) as recovered, coalesce(sum(recovered_cents), 0) as recovered_cents`;
  type Summary = { failed: string; failed_cents: string; recovered: string; recovered_cents: string };

  const byMonth = await executor.execute<Summary & { month: string }>(
    sql`${base} select month, ${summary} from retried group by month`,
  );
  const byReason = await executor.execute<Summary & { reason: string }>(
    sql`${base} select reason, ${summary} from retried group by reason order by count(*) desc, reason`,
  );
  const byAttempt = await executor.execute<{
    attempt: number;
    tried: string;
    recovered: string;
    recovered_cents: string;
  }>(
    sql`${base}, numbers as (select generate_series(2, greatest(2, (select max(attempts) from retried)::int)) as attempt)
      select numbers.attempt,
        count(r.invoice_id) filter (where r.attempts >= numbers.attempt
          and (r.recovered_at is null or r.recovered_at >= numbers.attempt)) as tried,
        count(r.invoice_id) filter (where r.recovered_at = numbers.attempt) as recovered,
        coalesce(sum(r.recovered_cents) filter (where r.recovered_at = numbers.attempt), 0) as recovered_cents
      from numbers left join retried r on true
      group by numbers.attempt order by numbers.attempt`,
  );

  const monthRows = new Map(byMonth.rows.map((row) => [row.month, row]));
  const window = Array.from({ length: months }, (_, index) => {
    const start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + index, 1));
    return start.toISOString().slice(0, 7);
  });
  const zero = { failed: "0", failed_cents: "0", recovered: "0", recovered_cents: "0" };
  return {
    months: window.map((month) => ({ month, ...figures(monthRows.get(month) ?? zero) })),
    byAttempt: byAttempt.rows
      .map((row) => ({
        attempt: Number(row.attempt),
        tried: Number(row.tried),
        recovered: Number(row.recovered),
        recoveredCents: Number(row.recovered_cents),
        rate: rate(Number(row.recovered), Number(row.tried)),
      }))
      .filter((row) => row.tried > 0),
    byReason: byReason.rows.map((row) => ({ reason: row.reason, ...figures(row) })),
  };
}
