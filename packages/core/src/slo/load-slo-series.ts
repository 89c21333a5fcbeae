import { db, type Executor } from "@pp/db";
import { type SQL, sql } from "drizzle-orm";
import { LATENCY_BUCKET_BOUNDS_MS } from "../usage/rollup-api-usage";
import type { SloBucket, SloSeries } from "./burn-rate";
import { MINUTE_WINDOW_LIMIT_MS, SLOS, type SloDefinition } from "./slo-definitions";

const HOUR_MS = 3_600_000;

function matches(slo: SloDefinition, alias: string): SQL {
  const t = sql.raw(alias);
  const parts = [sql`${t}.route like ${slo.routePattern}`];
  if (slo.app) parts.push(sql`${t}.app = ${slo.app}`);
  if (slo.method) parts.push(sql`${t}.method = ${slo.method}`);
  return sql.join(parts, sql` and `);
}

/** 1-based position of the last latency bucket at or under the SLO's threshold. */
function thresholdOrdinal(slo: SloDefinition): number {
  return LATENCY_BUCKET_BOUNDS_MS.indexOf(slo.latencyThresholdMs) + 1;
}

/**
 * Every SLO's request counts: per minute over the last 6 hours from raw api_usage (the short
 * burn-rate windows need minutes), per hour over `days` from the global hourly rollups.
 * Two queries for all SLOs together, both bounded by time indexes.
 */
export async function loadSloSeries(
  options: { now: Date; days: number },
  executor: Executor = db,
): Promise<Map<SloDefinition["key"], SloSeries>> {
  const now = options.now.toISOString();
  const minuteFrom = new Date(options.now.getTime() - MINUTE_WINDOW_LIMIT_MS).toISOString();
  const hourFrom = new Date(
    Math.floor((options.now.getTime() - options.days * 86_400_000) / HOUR_MS) * HOUR_MS,
  ).toISOString();

  const rawCase = sql.join(
    SLOS.map((slo) => sql`when ${matches(slo, "u")} then ${slo.key}`),
    sql` `,
  );
  const thresholdCase = sql.join(
    SLOS.map((slo) => sql`when ${slo.key} then ${sql.raw(String(slo.latencyThresholdMs))}`),
    sql` `,
  );
  const minuteRows = await executor.execute<{
    slo: string;
    start: string;
    total: string;
    bad: string;
    slow: string;
  }>(sql`
    select s.slo, extract(epoch from date_trunc('minute', s.at)) * 1000 as start,
      count(*) as total, count(*) filter (where s.status >= 500) as bad,
      count(*) filter (where s.duration_ms > case s.slo ${thresholdCase} end) as slow
    from (
      select case ${rawCase} end as slo, u.at, u.status, u.duration_ms
      from api_usage u
      where u.at >= ${minuteFrom}::timestamptz and u.at < ${now}::timestamptz
    ) s
    where s.slo is not null
    group by 1, 2`);

  const hourParts = SLOS.map(
    (slo) => sql`
      select ${slo.key} as slo, extract(epoch from r.hour) * 1000 as start, sum(r.requests) as total,
        sum(r.requests) filter (where r.status_class = 5) as bad,
        sum((select coalesce(sum(e.value::bigint), 0) from jsonb_array_elements_text(r.latency_buckets)
             with ordinality e(value, idx) where e.idx > ${sql.raw(String(thresholdOrdinal(slo)))})) as slow
      from api_usage_rollups_hourly_global r
      where r.hour >= ${hourFrom}::timestamptz and r.hour < ${now}::timestamptz and ${matches(slo, "r")}
      group by 1, 2`,
  );
  const hourRows = await executor.execute<{
    slo: string;
    start: string;
    total: string;
    bad: string | null;
    slow: string;
  }>(sql.join(hourParts, sql` union all `));

  const series = new Map<SloDefinition["key"], { minutes: SloBucket[]; hours: SloBucket[] }>(
    SLOS.map((slo) => [slo.key, { minutes: [], hours: [] }]),
  );
  const toBucket = (row: { start: string; total: string; bad: string | null; slow: string }): SloBucket => ({
    start: Number(row.start),
    total: Number(row.total),
    bad: Number(row.bad ?? 0),
    slow: Number(row.slow),
  });
  for (const row of minuteRows.rows) series.get(row.slo as SloDefinition["key"])?.minutes.push(toBucket(row));
  for (const row of hourRows.rows) series.get(row.slo as SloDefinition["key"])?.hours.push(toBucket(row));
  return series;
}
