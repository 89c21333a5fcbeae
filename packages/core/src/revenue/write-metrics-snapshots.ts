import { db, type Executor } from "@pp/db";
import { metricsSnapshots } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { zDay } from "../input/zod-pieces";
import { parseInput } from "../parse-input";

export const MAX_SNAPSHOT_DAYS = 3_660;
const DAY_MS = 86_400_000;
const ZDay = zDay("must be a day like 2025-06-30");

export const ZSnapshotRange = z.object({ from: ZDay, to: ZDay });
export type TSnapshotRange = z.input<typeof ZSnapshotRange>;

type Row = { tenant_id: string | null; metric: string; value: string | number };

/**
 * Writes the metrics_snapshots of each day in [from, to] (UTC days), replacing what was there: one
 * platform row (tenant_id null) and one per tenant with activity. Figures as of the end of the day:
 * MRR and paying clients from the ledger, the day's movements (cents), usage revenue (lead lines of
 * invoices whose period starts that day, net of lead credits), leads received, disputes opened, API requests.
 * Then each client's leads per source up to the last day's end (tenant_lead_sources, for the segments).
 */
export async function writeMetricsSnapshots(
  options: TSnapshotRange & { onDay?: (day: string, index: number, total: number) => void },
  executor: Executor = db,
): Promise<{ days: number; rows: number }> {
  const range = parseInput(ZSnapshotRange, { from: options.from, to: options.to });
  const start = Date.parse(`${range.from}T00:00:00Z`);
  const end = Date.parse(`${range.to}T00:00:00Z`);
  if (end < start) {
    throw new AppError("validation_failed", 'Invalid field "to": must be on or after `from`', {
      details: [{ path: "to", message: "must be on or after from" }],
    });
  }
  const total = Math.round((end - start) / DAY_MS) + 1;
  if (total > MAX_SNAPSHOT_DAYS) {
    throw new AppError("validation_failed", `Invalid field "from": at most ${MAX_SNAPSHOT_DAYS} days at a time`, {
      details: [{ path: "from", message: `at most ${MAX_SNAPSHOT_DAYS} days` }],
    });
  }
  let rows = 0;
  for (let index = 0; index < total; index++) {
    const day = new Date(start + index * DAY_MS).toISOString().slice(0, 10);
    rows += await snapshotDay(executor, day);
    options.onDay?.(day, index + 1, total);
  }
  await countLeadSources(executor, new Date(end + DAY_MS));
  return { days: total, rows };
}

/**
 * Recounts each client's leads per source received before the end of the range's last day (or now,
 * if sooner) into tenant_lead_sources, unless a later count is already there: the segments read it
 * plus the leads received since, instead of counting every lead on each request.
 */
async function countLeadSources(executor: Executor, end: Date): Promise<void> {
  await executor.transaction(async (tx) => {
    // Readers keep reading the previous count until this one commits; two jobs take turns.
    await tx.execute(sql`lock table tenant_lead_sources in exclusive mode`);
    const stored = await tx.execute<{ later: boolean }>(sql`
      select coalesce(max(counted_before) > least(${end.toISOString()}::timestamptz, now()), false) as later
      from tenant_lead_sources
    `);
    if (stored.rows[0]?.later) return;
    await tx.execute(sql`delete from tenant_lead_sources`);
    await tx.execute(sql`
      insert into tenant_lead_sources (tenant_id, source, leads, counted_before)
      select tenant_id, source, count(*), least(${end.toISOString()}::timestamptz, now())
      from leads where received_at < least(${end.toISOString()}::timestamptz, now())
      group by tenant_id, source
    `);
  });
}

async function snapshotDay(executor: Executor, day: string): Promise<number> {
  const from = `${day}T00:00:00Z`;
  const to = new Date(Date.parse(from) + DAY_MS).toISOString();
  const result = await executor.execute<Row>(sql`
    with latest as (
      select distinct on (subscription_id) tenant_id, mrr_after_cents
      from subscription_events where effective_at < ${to}::timestamptz
      order by subscription_id, effective_at desc, id desc
    ),
    window_events as (
      select tenant_id, type,
        case when type in ('contraction', 'churn') then mrr_before_cents - mrr_after_cents
             else mrr_after_cents - mrr_before_cents end as cents
      from subscription_events where effective_at >= ${from}::timestamptz and effective_at < ${to}::timestamptz
    )
    select tenant_id, 'mrrCents' as metric, sum(mrr_after_cents) as value from latest group by tenant_id having sum(mrr_after_cents) > 0
    union all
    select tenant_id, type, sum(cents) from window_events group by tenant_id, type
    union all
    select i.tenant_id, 'usageRevenueCents', sum(l.amount_cents) from invoice_lines l join invoices i on i.id = l.invoice_id
      where i.status <> 'void' and i.period_start >= ${from}::timestamptz and i.period_start < ${to}::timestamptz
        and (l.kind = 'lead' or (l.kind = 'credit' and l.lead_id is not null))
      group by i.tenant_id
    union all
    select tenant_id, 'leads', count(*) from leads where received_at >= ${from}::timestamptz and received_at < ${to}::timestamptz group by tenant_id
    union all
    select tenant_id, 'disputes', count(*) from lead_disputes where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz group by tenant_id
    union all
    select nullif(tenant_id, '00000000-0000-0000-0000-000000000000'), 'apiRequests', sum(requests) from api_usage_rollups
      where hour >= ${from}::timestamptz and hour < ${to}::timestamptz group by tenant_id
  `);
  const perTenant = new Map<string, Record<string, number>>();
  const platform: Record<string, number> = {
    mrrCents: 0,
    payingTenants: 0,
    new: 0,
    expansion: 0,
    reactivation: 0,
    contraction: 0,
    churn: 0,
    usageRevenueCents: 0,
    leads: 0,
    disputes: 0,
    apiRequests: 0,
  };
  for (const row of result.rows) {
    const value = Number(row.value);
    platform[row.metric] = (platform[row.metric] ?? 0) + value;
    if (row.tenant_id === null) continue;
    const metrics = perTenant.get(row.tenant_id) ?? {};
    metrics[row.metric] = value;
    perTenant.set(row.tenant_id, metrics);
    if (row.metric === "mrrCents") platform.payingTenants = (platform.payingTenants ?? 0) + 1;
  }
  const statuses = await executor.execute<{ status: string; n: string | number }>(
    sql`select status, count(*) as n from tenants where created_at < ${to}::timestamptz group by status`,
  );
  // Current statuses of the clients that existed then (statuses keep no history; the ledger does for paying).
  for (const row of statuses.rows) platform[`tenants_${row.status}`] = Number(row.n);
  const values = [
    { day, tenantId: null, metrics: platform },
    ...[...perTenant].map(([tenantId, metrics]) => ({ day, tenantId, metrics })),
  ];
  await executor.transaction(async (tx) => {
    await tx.delete(metricsSnapshots).where(sql`${metricsSnapshots.day} = ${day}`);
    for (let i = 0; i < values.length; i += 1_000) await tx.insert(metricsSnapshots).values(values.slice(i, i + 1_000));
  });
  return values.length;
}
