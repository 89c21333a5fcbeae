CREATE TABLE "api_usage_rollups_hourly_tenants" (
	"hour" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	"requests" bigint NOT NULL,
	"errors" bigint NOT NULL,
	"rate_limited" bigint NOT NULL,
	"peak_minute_requests" integer NOT NULL,
	"public_peak_minute_requests" integer NOT NULL,
	CONSTRAINT "api_usage_rollups_hourly_tenants_hour_tenant_id_pk" PRIMARY KEY("hour","tenant_id")
);
--> statement-breakpoint
-- Filled from the per-tenant hourly rows already there (the same sums as refreshApiUsageRollupLevels
-- in packages/db/src/usage-rollup-levels.ts); from then on the rollup job keeps it in step.
INSERT INTO "api_usage_rollups_hourly_tenants"
  ("hour", "tenant_id", "requests", "errors", "rate_limited", "peak_minute_requests", "public_peak_minute_requests")
SELECT "hour", "tenant_id", sum("requests")::bigint, sum("errors")::bigint, sum("rate_limited")::bigint,
       max("peak_minute_requests")::integer,
       coalesce(sum("peak_minute_requests") FILTER (WHERE "app" = 'tenant' AND "route" LIKE '/api/v1/%'), 0)::integer
  FROM "api_usage_rollups"
 GROUP BY "hour", "tenant_id";
--> statement-breakpoint
ANALYZE "api_usage_rollups_hourly_tenants";
