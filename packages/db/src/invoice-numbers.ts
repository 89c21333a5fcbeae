import { sql } from "drizzle-orm";
import type { Executor } from "./client";

/**
 * The next free `INV-YYYYMM-NNNNN` of `at`'s month, for billing and the seeds alike. A
 * transaction-scoped advisory lock per month makes concurrent callers queue instead of colliding
 * on invoices_number_key.
 */
export async function nextInvoiceNumber(executor: Executor, at: Date): Promise<string> {
  const month = at.toISOString().slice(0, 7).replace("-", "");
  const prefix = `INV-${month}-`;
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext(${`invoice_number:${month}`}))`);
  const result = await executor.execute<{ last: number | null }>(
    sql`select max(substr(number, ${prefix.length + 1})::int) as last from invoices where number like ${`${prefix}%`}`,
  );
  const last = result.rows[0]?.last ?? 0;
  return `${prefix}${String(last + 1).padStart(5, "0")}`;
}
