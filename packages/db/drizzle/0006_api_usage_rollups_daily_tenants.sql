CREATE TABLE "api_usage_rollups_daily_tenants" (
	"day" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	"requests" bigint NOT NULL,
	"errors" bigint NOT NULL,
	"rate_limited" bigint NOT NULL,
	"public_peak_minute_requests" integer NOT NULL,
	CONSTRAINT "api_usage_rollups_daily_tenants_day_tenant_id_pk" PRIMARY KEY("day","tenant_id")
);
--> statement-breakpoint
-- Filled from the per-tenant hourly rows already there (the same sums as refreshApiUsageRollupLevels
-- in packages/db/src/usage-rollup-levels.ts); from then on the rollup job keeps it in step.
INSERT INTO "api_usage_rollups_daily_tenants"
  ("day", "tenant_id", "requests", "errors", "rate_limited", "public_peak_minute_requests")
SELECT date_trunc('day', "hour", 'UTC'), "tenant_id", sum("requests")::bigint, sum("errors")::bigint,
       sum("rate_limited")::bigint, max("public_peak")::integer
  FROM (SELECT "hour", "tenant_id", sum("requests") AS "requests", sum("errors") AS "errors",
               sum("rate_limited") AS "rate_limited",
               coalesce(sum("peak_minute_requests") FILTER (WHERE "app" = 'tenant' AND "route" LIKE '/api/v1/%'), 0) AS "public_peak"
          FROM "api_usage_rollups"
         GROUP BY "hour", "tenant_id") AS "h"
 GROUP BY 1, "tenant_id";
--> statement-breakpoint
ANALYZE "api_usage_rollups_daily_tenants";
