import { db, type Executor, type Transaction } from "@pp/db";
import { sql } from "drizzle-orm";
import { endOfHour, type RollupApiUsageResult, rollupApiUsage, startOfHour } from "./rollup-api-usage";

const HOUR_MS = 60 * 60 * 1000;
/** Rows the usage logger writes late (buffered through a database outage) within this window are still counted. */
export const LATE_ROW_WINDOW_MS = 2 * HOUR_MS;
/** A first run (or one after a long pause) catches up a day per statement. */
const CHUNK_MS = 24 * HOUR_MS;
// Any fixed number shared by every instance: only one rollup pass runs at a time.
const ROLLUP_LOCK_KEY = 7_310_001;

export type RollupRecentApiUsageResult = {
  ran: boolean;
  from?: Date;
  to?: Date;
  rows: number;
  removed: number;
  changedRows?: number;
  globalRows?: number;
  hourlyTenantRows?: number;
  dailyRows?: number;
  dailyTenantRows?: number;
  weeklyRows?: number;
};

/**
 * The every-minute pass: recomputes the hours touched since the last run. The watermark is the
 * newest rolled-up hour (no extra state to keep in step); the pass starts LATE_ROW_WINDOW_MS before
 * it so late rows are picked up, and on the very first run at the oldest raw row. Serialised by an
 * advisory lock: a pass that finds another one running skips.
 */
export async function rollupRecentApiUsage(
  options: { now?: Date } = {},
  executor: Executor = db,
): Promise<RollupRecentApiUsageResult> {
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const locked = await tx.execute<{ locked: boolean }>(
      sql`select pg_try_advisory_xact_lock(${ROLLUP_LOCK_KEY}) as locked`,
    );
    if (!locked.rows[0]?.locked) return { ran: false, rows: 0, removed: 0 };
    const newest = await tx.execute<{ hour: Date | string | null }>(
      sql`select max(hour) as hour from api_usage_rollups where hour <= ${now.toISOString()}::timestamptz`,
    );
    const newestHour = newest.rows[0]?.hour;
    let start = newestHour ? new Date(new Date(newestHour).getTime() - LATE_ROW_WINDOW_MS) : undefined;
    if (!start) {
      // First run: a full scan once, to find where raw data begins.
      const oldest = await tx.execute<{ at: Date | string | null }>(sql`select min(at) as at from api_usage`);
      const oldestAt = oldest.rows[0]?.at;
      start = oldestAt ? new Date(oldestAt) : undefined;
    }
    if (!start) return { ran: true, rows: 0, removed: 0 };
    const from = startOfHour(start);
    const to = endOfHour(new Date(now.getTime() + 1));
    const total: RollupApiUsageResult = {
      from,
      to,
      rows: 0,
      removed: 0,
      changedRows: 0,
      globalRows: 0,
      hourlyTenantRows: 0,
      dailyRows: 0,
      dailyTenantRows: 0,
      weeklyRows: 0,
    };
    const add = (chunk: RollupApiUsageResult) => {
      total.rows += chunk.rows;
      total.removed += chunk.removed;
      total.changedRows = (total.changedRows ?? 0) + (chunk.changedRows ?? 0);
      total.globalRows = (total.globalRows ?? 0) + (chunk.globalRows ?? 0);
      total.hourlyTenantRows = (total.hourlyTenantRows ?? 0) + (chunk.hourlyTenantRows ?? 0);
      total.dailyRows = (total.dailyRows ?? 0) + (chunk.dailyRows ?? 0);
      total.dailyTenantRows = (total.dailyTenantRows ?? 0) + (chunk.dailyTenantRows ?? 0);
      total.weeklyRows = (total.weeklyRows ?? 0) + (chunk.weeklyRows ?? 0);
    };
    for (let at = from.getTime(); at < to.getTime(); at += CHUNK_MS) {
      add(await rollupApiUsage({ from: new Date(at), to: new Date(Math.min(at + CHUNK_MS, to.getTime())) }, tx));
    }
    // Hours that got rows after they settled (seeds, backfills, a long outage), older than the window above.
    for (const hour of await takePendingHours(tx, from)) {
      add(await rollupApiUsage({ from: hour, to: new Date(hour.getTime() + HOUR_MS) }, tx));
    }
    return { ran: true, ...total };
  });
}

/** Removes and returns the pending hours; those at or after `coveredFrom` are rolled up by the pass anyway. */
async function takePendingHours(tx: Transaction, coveredFrom: Date): Promise<Date[]> {
  const taken = await tx.execute<{ hour: Date | string }>(sql`delete from api_usage_rollup_pending returning hour`);
  return taken.rows
    .map((row) => new Date(row.hour))
    .filter((hour) => hour < coveredFrom)
    .sort((a, b) => a.getTime() - b.getTime());
}
