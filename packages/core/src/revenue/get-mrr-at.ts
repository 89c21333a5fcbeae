import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";

/** MRR at an instant from the ledger: each subscription's latest mrr_after at or before it, summed; and the paying clients. */
export async function getMrrAt(
  options: { at?: Date } = {},
  executor: Executor = db,
): Promise<{ mrrCents: number; payingTenants: number; at: Date }> {
  const at = options.at ?? new Date();
  const result = await executor.execute<{ mrr: string | number; paying: string | number }>(sql`
    with latest as (
      select distinct on (subscription_id) tenant_id, mrr_after_cents
      from subscription_events
      where effective_at <= ${at.toISOString()}::timestamptz
      order by subscription_id, effective_at desc, id desc
    )
    select coalesce(sum(mrr_after_cents), 0) as mrr,
      count(distinct tenant_id) filter (where mrr_after_cents > 0) as paying
    from latest
  `);
  const row = result.rows[0];
  return { mrrCents: Number(row?.mrr ?? 0), payingTenants: Number(row?.paying ?? 0), at };
}
