CREATE TABLE "api_usage_rollups_daily" (
	"day" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app" text NOT NULL,
	"route" text NOT NULL,
	"method" text NOT NULL,
	"status_class" smallint NOT NULL,
	"requests" bigint NOT NULL,
	"errors" bigint NOT NULL,
	"rate_limited" bigint NOT NULL,
	"bytes" bigint NOT NULL,
	"duration_ms_sum" bigint NOT NULL,
	"latency_buckets" jsonb NOT NULL,
	"peak_minute_requests" integer NOT NULL,
	CONSTRAINT "api_usage_rollups_daily_day_tenant_id_app_route_method_status_class_pk" PRIMARY KEY("day","tenant_id","app","route","method","status_class"),
	CONSTRAINT "api_usage_rollups_daily_status_class_check" CHECK (status_class between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "api_usage_rollups_hourly_global" (
	"hour" timestamp with time zone NOT NULL,
	"app" text NOT NULL,
	"route" text NOT NULL,
	"method" text NOT NULL,
	"status_class" smallint NOT NULL,
	"requests" bigint NOT NULL,
	"errors" bigint NOT NULL,
	"rate_limited" bigint NOT NULL,
	"bytes" bigint NOT NULL,
	"duration_ms_sum" bigint NOT NULL,
	"latency_buckets" jsonb NOT NULL,
	"peak_minute_requests" integer NOT NULL,
	CONSTRAINT "api_usage_rollups_hourly_global_hour_app_route_method_status_class_pk" PRIMARY KEY("hour","app","route","method","status_class"),
	CONSTRAINT "api_usage_rollups_hourly_global_status_class_check" CHECK (status_class between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX "api_usage_rollups_daily_tenant_day_idx" ON "api_usage_rollups_daily" USING btree ("tenant_id","day");--> statement-breakpoint
-- Fill both levels from the per-tenant hourly rows already there (the same sums as
-- refreshApiUsageRollupLevels in packages/db/src/usage-rollup-levels.ts), so cross-tenant views read
-- complete history right after the deploy; from then on the rollup job keeps them in step.
INSERT INTO "api_usage_rollups_hourly_global"
  ("hour", "app", "route", "method", "status_class", "requests", "errors", "rate_limited", "bytes",
   "duration_ms_sum", "latency_buckets", "peak_minute_requests")
SELECT "hour", "app", "route", "method", "status_class",
       sum("requests")::bigint, sum("errors")::bigint, sum("rate_limited")::bigint, sum("bytes")::bigint,
       sum("duration_ms_sum")::bigint,
       jsonb_build_array(
         coalesce(sum(("latency_buckets"->>0)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>1)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>2)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>3)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>4)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>5)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>6)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>7)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>8)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>9)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>10)::bigint), 0)::bigint),
       sum("peak_minute_requests")::integer
  FROM "api_usage_rollups"
 GROUP BY "hour", "app", "route", "method", "status_class";
--> statement-breakpoint
INSERT INTO "api_usage_rollups_daily"
  ("day", "tenant_id", "app", "route", "method", "status_class", "requests", "errors", "rate_limited", "bytes",
   "duration_ms_sum", "latency_buckets", "peak_minute_requests")
SELECT date_trunc('day', "hour", 'UTC'), "tenant_id", "app", "route", "method", "status_class",
       sum("requests")::bigint, sum("errors")::bigint, sum("rate_limited")::bigint, sum("bytes")::bigint,
       sum("duration_ms_sum")::bigint,
       jsonb_build_array(
         coalesce(sum(("latency_buckets"->>0)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>1)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>2)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>3)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>4)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>5)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>6)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>7)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>8)::bigint), 0)::bigint, coalesce(sum(("latency_buckets"->>9)::bigint), 0)::bigint,
         coalesce(sum(("latency_buckets"->>10)::bigint), 0)::bigint),
       max("peak_minute_requests")
  FROM "api_usage_rollups"
 GROUP BY 1, "tenant_id", "app", "route", "method", "status_class";
--> statement-breakpoint
ANALYZE "api_usage_rollups_hourly_global";
--> statement-breakpoint
ANALYZE "api_usage_rollups_daily";
