import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Per-tenant MRR read, or being read, at each instant (keyed by its time in ms) for one `now` and
 * source: the views one page shows pass the same map, so each instant is read once.
 */
export type TenantMrrReads = Map<number, Promise<Map<string, number>>>;

/**
 * Each paying client's MRR at each instant (keyed by its time in ms), as the ledger gives it: its
 * subscriptions' latest mrr_after effective before the instant. An instant that ends a closed day
 * with a snapshot is read from that day's per-tenant rows (`source` "auto"); the others (today,
 * a day never snapshotted, or `source` "ledger") from subscription_events. Instants already in
 * `reads` are not read again; the ones read here are added to it.
 */
export async function loadTenantMrr(
  options: { instants: readonly Date[]; now: Date; source?: "auto" | "ledger"; reads?: TenantMrrReads },
  executor: Executor,
): Promise<Map<number, Map<string, number>>> {
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const reads = options.reads ?? new Map();
  const instants = [...new Map(options.instants.map((instant) => [instant.getTime(), instant])).values()];
  const closing = (instant: Date) =>
    options.source !== "ledger" && instant.getTime() % DAY_MS === 0 && instant.getTime() <= today;
  const unread = instants.filter((instant) => !reads.has(instant.getTime()));
  const snapshotDays = unread.filter(closing).map((instant) => dayBefore(instant));
  const snapshots = snapshotDays.length > 0 ? readTenantMrr(executor, snapshotDays) : null;
  for (const instant of unread) {
    const read =
      snapshots && closing(instant)
        ? snapshots.then((days) => days.get(dayBefore(instant)) ?? tenantMrrAt(executor, instant))
        : tenantMrrAt(executor, instant);
    reads.set(instant.getTime(), read);
  }
  const mrr = await Promise.all(instants.map((instant) => reads.get(instant.getTime())));
  return new Map(instants.map((instant, index) => [instant.getTime(), mrr[index] ?? new Map()]));
}

/** The snapshot day whose end is `instant` (a day boundary). */
export function dayBefore(instant: Date): string {
  return dayOf(new Date(instant.getTime() - DAY_MS));
}

/**
 * Per snapshot day, each paying tenant's MRR at the day's end; a day is present (possibly empty)
 * when its platform row exists, since the job writes a day's rows in one transaction.
 */
export async function readTenantMrr(executor: Executor, days: string[]): Promise<Map<string, Map<string, number>>> {
  const byDay = new Map<string, Map<string, number>>();
  if (days.length === 0) return byDay;
  const rows = await executor.execute<{ day: string; tenant_id: string | null; mrr: string | number | null }>(sql`
    select day::text as day, tenant_id, (metrics ->> 'mrrCents')::bigint as mrr
    from metrics_snapshots
    where day = any(string_to_array(${[...new Set(days)].join(",")}, ',')::date[])
      and (tenant_id is null or (metrics ->> 'mrrCents')::bigint > 0)
  `);
  for (const row of rows.rows) {
    const tenants = byDay.get(row.day) ?? new Map<string, number>();
    if (row.tenant_id !== null) tenants.set(row.tenant_id, Number(row.mrr));
    byDay.set(row.day, tenants);
  }
  return byDay;
}

/** Each subscription's latest MRR effective before an instant, with its tenant: the ledger's state then. */
const latestMrrSql = (instant: Date) => sql`
  select distinct on (subscription_id) tenant_id, mrr_after_cents
  from subscription_events where effective_at < ${instant.toISOString()}::timestamptz
  order by subscription_id, effective_at desc, id desc`;

/** Each paying tenant's MRR at an instant: its subscriptions' latest mrr_after effective before it. */
export async function tenantMrrAt(executor: Executor, instant: Date): Promise<Map<string, number>> {
  const rows = await executor.execute<{ tenant_id: string; mrr: string | number }>(sql`
    select tenant_id, sum(mrr_after_cents) as mrr from (${latestMrrSql(instant)}) latest
    where mrr_after_cents > 0
    group by tenant_id
  `);
  return new Map(rows.rows.map((row) => [row.tenant_id, Number(row.mrr)]));
}

/** The same instant's MRR and paying tenants as totals, for views that do not need each tenant's figure. */
export async function totalMrrAt(
  executor: Executor,
  instant: Date,
): Promise<{ mrrCents: number; payingTenants: number }> {
  const rows = await executor.execute<{ mrr: string | number; paying: string | number }>(sql`
    select coalesce(sum(mrr_after_cents), 0) as mrr, count(distinct tenant_id) as paying
    from (${latestMrrSql(instant)}) latest
    where mrr_after_cents > 0
  `);
  return { mrrCents: Number(rows.rows[0]?.mrr ?? 0), payingTenants: Number(rows.rows[0]?.paying ?? 0) };
}
