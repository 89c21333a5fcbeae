import { db, type Executor } from "@pp/db";
import { INCIDENT_SEVERITIES } from "@pp/db/schema";
import { sql } from "drizzle-orm";

type Severity = (typeof INCIDENT_SEVERITIES)[number];

export type ResponseTimes = {
  /** Mean time to acknowledge, over incidents acknowledged in the period; null when none. */
  mttaMinutes: number | null;
  acknowledged: number;
  /** Mean time to resolve (opened → resolved), over incidents resolved in the period. */
  mttrMinutes: number | null;
  resolved: number;
};

export type IncidentHealth = {
  periodDays: number;
  bySeverity: { severity: Severity; current: ResponseTimes; prior: ResponseTimes }[];
  /** Incidents opened per ISO week (Monday, UTC) and severity, oldest week first. */
  weeks: { weekStart: string; counts: Record<Severity, number> }[];
};

const DAY_MS = 86_400_000;

/**
 * Incident health: MTTA and MTTR per severity for the last `periodDays` against the period
 * before, and incidents opened per week and severity over the last `weeks` weeks.
 */
export async function getIncidentHealth(
  options: { now?: Date; periodDays?: number; weeks?: number; tenantId?: string } = {},
  executor: Executor = db,
): Promise<IncidentHealth> {
  const now = options.now ?? new Date();
  const periodDays = options.periodDays ?? 30;
  const weeks = options.weeks ?? 8;
  const currentFrom = new Date(now.getTime() - periodDays * DAY_MS);
  const priorFrom = new Date(now.getTime() - 2 * periodDays * DAY_MS);
  const tenantFilter = options.tenantId ? sql`and tenant_id = ${options.tenantId}` : sql``;
  const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;

  const times = await executor.execute<{
    severity: Severity;
    period: "current" | "prior";
    mtta: string | null;
    acknowledged: string;
    mttr: string | null;
    resolved: string;
  }>(sql`
    with periods(period, from_at, to_at) as (
      values ('current', ${iso(currentFrom)}, ${iso(now)}), ('prior', ${iso(priorFrom)}, ${iso(currentFrom)})
    )
    select i.severity, p.period,
      avg(extract(epoch from i.acknowledged_at - i.opened_at) / 60)
        filter (where i.acknowledged_at >= p.from_at and i.acknowledged_at < p.to_at) as mtta,
      count(*) filter (where i.acknowledged_at >= p.from_at and i.acknowledged_at < p.to_at) as acknowledged,
      avg(extract(epoch from i.resolved_at - i.opened_at) / 60)
        filter (where i.resolved_at >= p.from_at and i.resolved_at < p.to_at) as mttr,
      count(*) filter (where i.resolved_at >= p.from_at and i.resolved_at < p.to_at) as resolved
    from incidents i cross join periods p
    where (i.acknowledged_at >= ${iso(priorFrom)} or i.resolved_at >= ${iso(priorFrom)}) ${tenantFilter}
    group by i.severity, p.period`);

  const weekRows = await executor.execute<{ week_start: string; severity: Severity; count: string }>(sql`
    select to_char(date_trunc('week', opened_at at time zone 'UTC'), 'YYYY-MM-DD') as week_start, severity, count(*) as count
    from incidents
    where opened_at >= date_trunc('week', ${iso(now)} at time zone 'UTC') at time zone 'UTC' - ${sql.raw(`interval '${(weeks - 1) * 7} days'`)}
      ${tenantFilter}
    group by 1, 2`);

  const empty = (): ResponseTimes => ({ mttaMinutes: null, acknowledged: 0, mttrMinutes: null, resolved: 0 });
  const round = (value: string | null) => (value === null ? null : Math.round(Number(value) * 10) / 10);
  const bySeverity = INCIDENT_SEVERITIES.map((severity) => {
    const entry = { severity, current: empty(), prior: empty() };
    for (const row of times.rows.filter((r) => r.severity === severity)) {
      entry[row.period] = {
        mttaMinutes: round(row.mtta),
        acknowledged: Number(row.acknowledged),
        mttrMinutes: round(row.mttr),
        resolved: Number(row.resolved),
      };
    }
    return entry;
  });

  const thisWeek = new Date(now);
  thisWeek.setUTCHours(0, 0, 0, 0);
  thisWeek.setUTCDate(thisWeek.getUTCDate() - ((thisWeek.getUTCDay() + 6) % 7));
  const weekList = Array.from({ length: weeks }, (_, index) => {
    const start = new Date(thisWeek.getTime() - (weeks - 1 - index) * 7 * DAY_MS).toISOString().slice(0, 10);
    const counts = Object.fromEntries(INCIDENT_SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
    for (const row of weekRows.rows.filter((r) => r.week_start === start)) counts[row.severity] = Number(row.count);
    return { weekStart: start, counts };
  });
  return { periodDays, bySeverity, weeks: weekList };
}
