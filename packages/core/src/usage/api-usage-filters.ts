import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors";
import { clampToStorable } from "../input/storable";
import { zDay } from "../input/zod-pieces";

/** A filter that may be absent or sent empty (a GET form's "Any" option submits `tenantId=`). */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const ZDay = zDay("must be a date like 2026-01-31");

export const API_USAGE_RANGES = ["24h", "7d", "30d", "90d", "custom"] as const;
export type ApiUsageRange = (typeof API_USAGE_RANGES)[number];
export const API_USAGE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export const API_USAGE_STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;

/** The longest custom range: rollups are kept two years. */
const MAX_CUSTOM_DAYS = 731;

/**
 * `/provider/api-usage`'s filters, shared by the page, Client 360's Usage tab and the CSV export,
 * so a URL means the same rows everywhere. Ranges: the last 24 hours (hourly), 7 / 30 / 90 days
 * (daily, today included), or `custom` from `from` to `to` (UTC days, inclusive).
 */
export const ZApiUsageFilters = z.object({
  range: optional(z.enum(API_USAGE_RANGES, "must be one of 24h, 7d, 30d, 90d, custom")),
  from: optional(ZDay),
  to: optional(ZDay),
  tenantId: optional(z.uuid("must be a tenant id")),
  /** A route template exactly as logged, e.g. `/api/v1/leads/[id]`. */
  route: optional(z.string().trim().min(1).max(300)),
  method: optional(z.enum(API_USAGE_METHODS, "must be GET, POST, PUT, PATCH or DELETE")),
  statusClass: optional(z.enum(API_USAGE_STATUS_CLASSES, "must be 2xx, 3xx, 4xx or 5xx")),
});
export type TApiUsageFilters = z.output<typeof ZApiUsageFilters>;

export const API_USAGE_FILTER_NAMES = Object.keys(ZApiUsageFilters.shape) as (keyof TApiUsageFilters)[];

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export type ApiUsageBucket = "hour" | "day";

/**
 * The time a filter set covers: `[start, end)`, `end` never after now. Whole hours before
 * `liveFrom` are read from `api_usage_rollups`; the hour in progress (`[liveFrom, end)`) from raw
 * `api_usage`, so a request shows on the dashboard as soon as its row is written, without waiting
 * for the rollup job. `priorStart` opens the same number of buckets just before `start`.
 */
export type ApiUsageWindow = {
  range: ApiUsageRange;
  bucket: ApiUsageBucket;
  start: Date;
  end: Date;
  /** Start of the hour `now` falls in. */
  liveFrom: Date;
  /** How many trend buckets the window has (the last may be in progress). */
  buckets: number;
  priorStart: Date;
};

export function floorToHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export function floorToDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

const PRESET_DAYS: Record<Exclude<ApiUsageRange, "24h" | "custom">, number> = { "7d": 7, "30d": 30, "90d": 90 };

/** The window of a filter set at `now`; 30 days when no range is given. */
export function resolveApiUsageWindow(filters: TApiUsageFilters, now: Date = new Date()): ApiUsageWindow {
  const liveFrom = floorToHour(now);
  const range: ApiUsageRange = filters.range ?? (filters.from || filters.to ? "custom" : "30d");
  if (range === "24h") {
    const start = new Date(liveFrom.getTime() - 23 * HOUR_MS);
    return { range, bucket: "hour", start, end: now, liveFrom, buckets: 24, priorStart: shift(start, -24 * HOUR_MS) };
  }
  if (range === "custom") return customWindow(filters, now, liveFrom);
  const days = PRESET_DAYS[range];
  const start = new Date(floorToDay(now).getTime() - (days - 1) * DAY_MS);
  return { range, bucket: "day", start, end: now, liveFrom, buckets: days, priorStart: shift(start, -days * DAY_MS) };
}

function customWindow(filters: TApiUsageFilters, now: Date, liveFrom: Date): ApiUsageWindow {
  const today = floorToDay(now);
  const to = filters.to ? new Date(`${filters.to}T00:00:00Z`) : today;
  const from = filters.from ? new Date(`${filters.from}T00:00:00Z`) : new Date(to.getTime() - 29 * DAY_MS);
  if (from > to) throw rangeError("from", "must be on or before the end date");
  if (from > today) throw rangeError("from", "must not be in the future");
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS) + 1;
  if (days > MAX_CUSTOM_DAYS) throw rangeError("to", `must be at most ${MAX_CUSTOM_DAYS} days after the start date`);
  const dayEnd = shift(to, DAY_MS);
  const end = dayEnd < now ? dayEnd : now;
  // Up to two days read best by the hour; longer ranges by the day.
  if (days <= 2) {
    const buckets = Math.ceil((end.getTime() - from.getTime()) / HOUR_MS);
    return {
      range: "custom",
      bucket: "hour",
      start: from,
      end,
      liveFrom,
      buckets,
      priorStart: shift(from, -buckets * HOUR_MS),
    };
  }
  const buckets = Math.ceil((end.getTime() - from.getTime()) / DAY_MS);
  return {
    range: "custom",
    bucket: "day",
    start: from,
    end,
    liveFrom,
    buckets,
    priorStart: shift(from, -buckets * DAY_MS),
  };
}

// Windows next to year 1 or 9999 stop at what a timestamptz parameter can carry.
function shift(at: Date, ms: number): Date {
  return clampToStorable(new Date(at.getTime() + ms));
}

function rangeError(field: "from" | "to", message: string): AppError {
  return new AppError("validation_failed", `Invalid query parameter "${field}": ${message}`, {
    details: [{ path: field, message }],
  });
}

export function bucketMs(bucket: ApiUsageBucket): number {
  return bucket === "hour" ? HOUR_MS : DAY_MS;
}

export function statusClassOf(filter: NonNullable<TApiUsageFilters["statusClass"]>): number {
  return Number(filter[0]);
}

/**
 * Conditions on `api_usage_rollups` (aliased `r`) for the non-time filters. Written as SQL
 * fragments because the queries aggregate with hand-written SQL.
 */
export function rollupFilterSql(filters: TApiUsageFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.tenantId) parts.push(sql`r.tenant_id = ${filters.tenantId}::uuid`);
  if (filters.route) parts.push(sql`r.route = ${filters.route}`);
  if (filters.method) parts.push(sql`r.method = ${filters.method}`);
  if (filters.statusClass) parts.push(sql`r.status_class = ${statusClassOf(filters.statusClass)}`);
  return sql.join(parts, sql` and `);
}

/** The same filters on raw `api_usage` (aliased `u`). */
export function rawFilterSql(filters: TApiUsageFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.tenantId) parts.push(sql`u.tenant_id = ${filters.tenantId}::uuid`);
  if (filters.route) parts.push(sql`u.route = ${filters.route}`);
  if (filters.method) parts.push(sql`u.method = ${filters.method}`);
  if (filters.statusClass) {
    const low = statusClassOf(filters.statusClass) * 100;
    parts.push(sql`u.status between ${low} and ${low + 99}`);
  }
  return sql.join(parts, sql` and `);
}

/** Filters with `tenantId` forced: Client 360's Usage tab can only ever see its own tenant. */
export function scopedToTenant(filters: TApiUsageFilters, tenantId: string | undefined): TApiUsageFilters {
  return tenantId ? { ...filters, tenantId } : filters;
}
