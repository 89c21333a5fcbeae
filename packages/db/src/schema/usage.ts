import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { APPS } from "./enums";
import { tenants } from "./tenancy";

/**
 * Raw API requests. Append-only and range-partitioned by day in the migration (Drizzle cannot
 * express partitioning); no foreign keys so ingest stays cheap and partitions drop cleanly.
 */
export const apiUsage = pgTable(
  "api_usage",
  {
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    tenantId: uuid("tenant_id"),
    apiKeyId: uuid("api_key_id"),
    actor: text("actor"),
    app: text("app", { enum: APPS }).notNull(),
    route: text("route").notNull(),
    method: text("method").notNull(),
    status: smallint("status").notNull(),
    bytes: integer("bytes").notNull().default(0),
    durationMs: integer("duration_ms").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.at] }),
    index("api_usage_tenant_at_idx").on(t.tenantId, t.at),
    // autosummarize: autovacuum summarises each page range as it fills, so a read of the hour in
    // progress skips the day's earlier ranges instead of rechecking every row of the partition.
    index("api_usage_at_idx").using("brin", t.at).with({ autosummarize: "on" }),
  ],
);

/**
 * The grouping (app × route × method × status class) and measures every route-level rollup
 * level shares; each level adds its own time bucket and tenant key.
 */
/** A rollup's group: app × route × method × status class. */
function rollupGroup() {
  return {
    app: text("app", { enum: APPS }).notNull(),
    route: text("route").notNull(),
    method: text("method").notNull(),
    statusClass: smallint("status_class").notNull(),
  };
}

/** The counts every rollup level keeps. */
function rollupCounts() {
  return {
    requests: bigint("requests", { mode: "number" }).notNull(),
    errors: bigint("errors", { mode: "number" }).notNull(),
    rateLimited: bigint("rate_limited", { mode: "number" }).notNull(),
  };
}

function rollupGroupAndMeasures() {
  return {
    ...rollupGroup(),
    ...rollupCounts(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    durationMsSum: bigint("duration_ms_sum", { mode: "number" }).notNull(),
    // Counts per latency bucket (upper bounds in ms: 5,10,25,50,100,250,500,1000,2500,5000,+inf).
    latencyBuckets: jsonb("latency_buckets").$type<number[]>().notNull(),
    peakMinuteRequests: integer("peak_minute_requests").notNull(),
  };
}

/** Hourly rollups per tenant × route × method × status class; dashboards read these. */
export const apiUsageRollups = pgTable(
  "api_usage_rollups",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    // The nil UUID stands for "no tenant" so the key stays a plain unique key.
    tenantId: uuid("tenant_id").notNull(),
    ...rollupGroupAndMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.hour, t.tenantId, t.app, t.route, t.method, t.statusClass] }),
    index("api_usage_rollups_tenant_hour_idx").on(t.tenantId, t.hour),
    check("api_usage_rollups_status_class_check", sql`status_class between 1 and 5`),
  ],
);

/**
 * api_usage_rollups summed over tenants: hour × app × route × method × status class. Derived from
 * the per-tenant hourly rows in the same transaction (rollup-api-usage.ts); cross-tenant views read
 * it. peak_minute_requests is the sum of the tenants' busiest minutes (an upper bound).
 */
export const apiUsageRollupsHourlyGlobal = pgTable(
  "api_usage_rollups_hourly_global",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    ...rollupGroupAndMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.hour, t.app, t.route, t.method, t.statusClass] }),
    check("api_usage_rollups_hourly_global_status_class_check", sql`status_class between 1 and 5`),
  ],
);

/**
 * api_usage_rollups summed per UTC day: day × tenant × app × route × method × status class.
 * Derived from the per-tenant hourly rows in the same transaction; peak_minute_requests is the
 * max over the day's hours.
 */
export const apiUsageRollupsDaily = pgTable(
  "api_usage_rollups_daily",
  {
    day: timestamp("day", { withTimezone: true }).notNull(),
    tenantId: uuid("tenant_id").notNull(),
    ...rollupGroupAndMeasures(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.tenantId, t.app, t.route, t.method, t.statusClass] }),
    index("api_usage_rollups_daily_tenant_day_idx").on(t.tenantId, t.day),
    // The tenant table filtered by route reads only this index (its measures are key columns, as
    // Drizzle has no INCLUDE), in day × tenant order: see tenantRollupUsage.
    index("api_usage_rollups_daily_route_day_idx").on(
      t.route,
      t.day,
      t.tenantId,
      t.app,
      t.method,
      t.statusClass,
      t.requests,
      t.errors,
      t.rateLimited,
      t.peakMinuteRequests,
    ),
    check("api_usage_rollups_daily_status_class_check", sql`status_class between 1 and 5`),
  ],
);

/**
 * api_usage_rollups summed per hour × tenant (every app, route, method and status class): what the
 * cross-tenant tenant table reads for the hours of a partial day, and the Action Center's rate-limit
 * bucket for the last 24 hours. peak_minute_requests is the hour's busiest single group's minute
 * (the max over its groups); public_peak_minute_requests the public API (`/api/v1/*`) groups'
 * busiest minutes summed, as the tenant table estimates an hour's peak. Derived from the per-tenant
 * hourly rows in the same transaction; api_usage_rollups_daily_tenants is derived from it.
 */
export const apiUsageRollupsHourlyTenants = pgTable(
  "api_usage_rollups_hourly_tenants",
  {
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    tenantId: uuid("tenant_id").notNull(),
    ...rollupCounts(),
    peakMinuteRequests: integer("peak_minute_requests").notNull(),
    publicPeakMinuteRequests: integer("public_peak_minute_requests").notNull(),
  },
  (t) => [primaryKey({ columns: [t.hour, t.tenantId] })],
);

/**
 * api_usage_rollups summed per UTC day × tenant: what the cross-tenant tenant table reads when it
 * has no route / method / status filter. public_peak_minute_requests is the max over the day's
 * hours of the hour's summed busiest minutes of public API (`/api/v1/*`) groups.
 */
export const apiUsageRollupsDailyTenants = pgTable(
  "api_usage_rollups_daily_tenants",
  {
    day: timestamp("day", { withTimezone: true }).notNull(),
    tenantId: uuid("tenant_id").notNull(),
    ...rollupCounts(),
    publicPeakMinuteRequests: integer("public_peak_minute_requests").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.tenantId] })],
);

/**
 * api_usage_rollups_daily summed per ISO week (Monday 00:00 UTC) × tenant × group, with the measures
 * the tenant table reads: what it reads for whole weeks under a route / method / status filter (a
 * 30-day range is about 4 weeks and a few days instead of 30 days). peak_minute_requests is the
 * group's busiest minute of the week; tenant_public_peak_minute_requests, the same on each of a
 * week × tenant's rows, is its busiest hour of summed public API peaks in the week (the max of
 * api_usage_rollups_daily_tenants), which caps the filtered peak as the day level's join does.
 * Derived from the daily levels in the same transaction.
 */
export const apiUsageRollupsWeekly = pgTable(
  "api_usage_rollups_weekly",
  {
    week: timestamp("week", { withTimezone: true }).notNull(),
    tenantId: uuid("tenant_id").notNull(),
    ...rollupGroup(),
    ...rollupCounts(),
    peakMinuteRequests: integer("peak_minute_requests").notNull(),
    tenantPublicPeakMinuteRequests: integer("tenant_public_peak_minute_requests").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.week, t.tenantId, t.app, t.route, t.method, t.statusClass] }),
    // Read alone (index-only) by a route filter, in week × tenant order, like the daily route index.
    index("api_usage_rollups_weekly_route_week_idx").on(
      t.route,
      t.week,
      t.tenantId,
      t.app,
      t.method,
      t.statusClass,
      t.requests,
      t.errors,
      t.rateLimited,
      t.peakMinuteRequests,
      t.tenantPublicPeakMinuteRequests,
    ),
    check("api_usage_rollups_weekly_status_class_check", sql`status_class between 1 and 5`),
  ],
);

/**
 * Hours that received raw rows after the rollup job may have settled them (a seed, a backfill, or
 * usage buffered through a long database outage): the next every-minute pass recomputes each
 * listed hour and removes it, in one transaction.
 */
export const apiUsageRollupPending = pgTable("api_usage_rollup_pending", {
  hour: timestamp("hour", { withTimezone: true }).primaryKey(),
  markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
});

export const featureUsage = pgTable(
  "feature_usage",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id"),
    app: text("app", { enum: APPS }).notNull(),
    featureKey: text("feature_key").notNull(),
    count: integer("count").notNull().default(1),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("feature_usage_tenant_at_idx").on(t.tenantId, t.at),
    index("feature_usage_feature_at_idx").on(t.featureKey, t.at),
    check("feature_usage_count_check", sql`count > 0`),
    check("feature_usage_app_check", oneOf("app", APPS)),
  ],
);

/** A tenant's override of its plan's API rate limit. */
export const tenantRateLimits = pgTable(
  "tenant_rate_limits",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    requestsPerMinute: integer("requests_per_minute").notNull(),
    reason: text("reason"),
    updatedBy: text("updated_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [check("tenant_rate_limits_positive", sql`requests_per_minute > 0`)],
);
