import { db, refreshApiUsageRollupLevels } from "@pp/db";
import { startOfWeek } from "@pp/db/dates";
import { env } from "@pp/env";
import { sql } from "drizzle-orm";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Hourly rollups are kept two years; dashboards never look further back. */
export const ROLLUP_RETENTION_YEARS = 2;
/** Daily raw partitions created ahead of time, so writes never land in the default partition. */
export const PARTITION_DAYS_AHEAD = 7;

export type ApplyUsageRetentionOptions = {
  now?: Date;
  /** Days of raw api_usage kept (default USAGE_RAW_RETENTION_DAYS). */
  rawRetentionDays?: number;
};

export type UsageRetentionResult = {
  partitionsCreated: number;
  partitionsDropped: number;
  defaultPartitionRowsDeleted: number;
  rollupsDeleted: number;
  /** Rows deleted from api_usage_rollups_hourly_global, …_hourly_tenants, api_usage_rollups_daily, …_daily_tenants and …_weekly. */
  globalRollupsDeleted: number;
  hourlyTenantRollupsDeleted: number;
  dailyRollupsDeleted: number;
  dailyTenantRollupsDeleted: number;
  weeklyRollupsDeleted: number;
  rawCutoff: Date;
  rollupCutoff: Date;
};

/**
 * The daily usage housekeeping: creates the raw partitions for the coming days, drops whole daily
 * raw partitions older than the retention (and deletes rows that fell into the default partition
 * before it), and deletes rollups (every level) older than two years. Safe to run any number of times.
 */
export async function applyUsageRetention(options: ApplyUsageRetentionOptions = {}): Promise<UsageRetentionResult> {
  const now = options.now ?? new Date();
  const keepDays = options.rawRetentionDays ?? env().USAGE_RAW_RETENTION_DAYS;
  const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const rawCutoff = new Date(today.getTime() - keepDays * DAY_MS);
  const rollupCutoff = new Date(today);
  rollupCutoff.setUTCFullYear(rollupCutoff.getUTCFullYear() - ROLLUP_RETENTION_YEARS);
  const day = (date: Date) => date.toISOString().slice(0, 10);

  const created = await db.execute<{ n: number }>(
    sql`select ensure_api_usage_partitions(${day(today)}::date, ${PARTITION_DAYS_AHEAD}) as n`,
  );
  const dropped = await db.execute<{ n: number }>(
    sql`select drop_api_usage_partitions_before(${day(rawCutoff)}::date) as n`,
  );
  const strays = await db.execute(
    sql`delete from api_usage_default where at < ${rawCutoff.toISOString()}::timestamptz`,
  );
  const rollups = await db.execute(
    sql`delete from api_usage_rollups where hour < ${rollupCutoff.toISOString()}::timestamptz`,
  );
  const globalRollups = await db.execute(
    sql`delete from api_usage_rollups_hourly_global where hour < ${rollupCutoff.toISOString()}::timestamptz`,
  );
  const hourlyTenantRollups = await db.execute(
    sql`delete from api_usage_rollups_hourly_tenants where hour < ${rollupCutoff.toISOString()}::timestamptz`,
  );
  const dailyRollups = await db.execute(
    sql`delete from api_usage_rollups_daily where day < ${rollupCutoff.toISOString()}::timestamptz`,
  );
  const dailyTenantRollups = await db.execute(
    sql`delete from api_usage_rollups_daily_tenants where day < ${rollupCutoff.toISOString()}::timestamptz`,
  );
  // A week goes once all its days have; the week straddling the cutoff is summed again from the days kept.
  const weeklyRollups = await db.transaction(async (tx) => {
    const deleted = await tx.execute(
      sql`delete from api_usage_rollups_weekly
           where week + interval '7 days' <= ${rollupCutoff.toISOString()}::timestamptz`,
    );
    if (startOfWeek(rollupCutoff) < rollupCutoff) {
      await refreshApiUsageRollupLevels(tx, { from: rollupCutoff, to: new Date(rollupCutoff.getTime() + DAY_MS) });
    }
    return deleted;
  });
  return {
    partitionsCreated: Number(created.rows[0]?.n ?? 0),
    partitionsDropped: Number(dropped.rows[0]?.n ?? 0),
    defaultPartitionRowsDeleted: strays.rowCount ?? 0,
    rollupsDeleted: rollups.rowCount ?? 0,
    globalRollupsDeleted: globalRollups.rowCount ?? 0,
    hourlyTenantRollupsDeleted: hourlyTenantRollups.rowCount ?? 0,
    dailyRollupsDeleted: dailyRollups.rowCount ?? 0,
    dailyTenantRollupsDeleted: dailyTenantRollups.rowCount ?? 0,
    weeklyRollupsDeleted: weeklyRollups.rowCount ?? 0,
    rawCutoff,
    rollupCutoff,
  };
}
