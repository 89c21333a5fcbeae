import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";

const DAY_MS = 86_400_000;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Each paying client's MRR at each instant (keyed by its time in ms), as the ledger gives it: its
 * subscriptions' latest mrr_after effective before the instant. An instant that ends a closed day
 * with a snapshot is read from that day's per-tenant rows (`source` "auto"); the others (today,
 * a day never snapshotted, or `source` "ledger") from subscription_events.
 */
export async function loadTenantMrr(
  options: { instants: readonly Date[]; now: Date; source?: "auto" | "ledger" },
  executor: Executor,
): Promise<Map<number, Map<string, number>>> {
  const today = Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate());
  const instants = [...new Map(options.instants.map((instant) => [instant.getTime(), instant])).values()];
  const closing = (instant: Date) => instant.getTime() % DAY_MS === 0 && instant.getTime() <= today;
  const snapshots =
    options.source === "ledger"
      ? new Map<string, Map<string, number>>()
      : await readTenantMrr(
          executor,
          instants.filter(closing).map((instant) => dayBefore(instant)),
        );
  const mrr = await Promise.all(
    instants.map((instant) => {
      const snapshot = closing(instant) ? snapshots.get(dayBefore(instant)) : undefined;
      return snapshot ?? tenantMrrAt(executor, instant);
    }),
  );
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

/** Each paying tenant's MRR at an instant: its subscriptions' latest mrr_after effective before it. */
export async function tenantMrrAt(executor: Executor, instant: Date): Promise<Map<string, number>> {
  const rows = await executor.execute<{ tenant_id: string; mrr: string | number }>(sql`
    select tenant_id, sum(mrr_after_cents) as mrr from (
      select distinct on (subscription_id) tenant_id, mrr_after_cents
      from subscription_events where effective_at < ${instant.toISOString()}::timestamptz
      order by subscription_id, effective_at desc, id desc
    ) latest
    where mrr_after_cents > 0
    group by tenant_id
  `);
  return new Map(rows.rows.map((row) => [row.tenant_id, Number(row.mrr)]));
}
