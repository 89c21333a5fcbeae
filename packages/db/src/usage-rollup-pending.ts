import { sql } from "drizzle-orm";
import type pg from "pg";
import type { Executor } from "./client";

const HOUR_MS = 60 * 60 * 1000;

/**
 * The distinct hours (ISO strings) of `times` that lie before the hour `now` falls in. The rollup
 * pass always recomputes recent hours; rows written into earlier ones must be marked pending
 * (markApiUsageHoursPending), or the rollups would never count them.
 */
export function settledHoursOf(times: Iterable<Date | string | number>, now: Date = new Date()): string[] {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const hours = new Set<number>();
  for (const time of times) {
    const ms = typeof time === "number" ? time : new Date(time).getTime();
    const hour = Math.floor(ms / HOUR_MS) * HOUR_MS;
    if (hour < current) hours.add(hour);
  }
  return [...hours].sort((a, b) => a - b).map((hour) => new Date(hour).toISOString());
}

const MARK_PENDING_SQL = `insert into api_usage_rollup_pending (hour)
  select distinct date_trunc('hour', h::timestamptz, 'UTC') from unnest($1::text[]) as h
  on conflict do nothing`;

/**
 * Marks the settled hours among `times` for the next rollup pass. Call it on the connection (or in
 * the transaction) that wrote the rows: a Drizzle executor or a pg client.
 */
export async function markApiUsageHoursPending(
  target: Executor | pg.ClientBase,
  times: Iterable<Date | string | number>,
  now: Date = new Date(),
): Promise<number> {
  const hours = settledHoursOf(times, now);
  if (hours.length === 0) return 0;
  const [before, after] = MARK_PENDING_SQL.split("$1");
  // A pg client's `query` is a function; Drizzle's is its relational-query object.
  if (isPgClient(target)) await target.query(MARK_PENDING_SQL, [hours]);
  else await target.execute(sql`${sql.raw(before ?? "")}${sql.param(hours)}${sql.raw(after ?? "")}`);
  return hours.length;
}

function isPgClient(target: Executor | pg.ClientBase): target is pg.ClientBase {
  return typeof (target as { query?: unknown }).query === "function";
}
