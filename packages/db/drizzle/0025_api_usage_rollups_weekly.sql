CREATE TABLE "api_usage_rollups_weekly" (
	"week" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	"app" text NOT NULL,
	"route" text NOT NULL,
	"method" text NOT NULL,
	"status_class" smallint NOT NULL,
	"requests" bigint NOT NULL,
	"errors" bigint NOT NULL,
	"rate_limited" bigint NOT NULL,
	"peak_minute_requests" integer NOT NULL,
	"tenant_public_peak_minute_requests" integer NOT NULL,
	CONSTRAINT "api_usage_rollups_weekly_week_tenant_id_app_route_method_status_class_pk" PRIMARY KEY("week","tenant_id","app","route","method","status_class"),
	CONSTRAINT "api_usage_rollups_weekly_status_class_check" CHECK (status_class between 1 and 5)
);
--> statement-breakpoint
-- Filled from the daily levels already there (the same sums as refreshApiUsageRollupLevels in
-- packages/db/src/usage-rollup-levels.ts), before its index is built; from then on the rollup job keeps it in step.
INSERT INTO "api_usage_rollups_weekly"
  ("week", "tenant_id", "app", "route", "method", "status_class", "requests", "errors", "rate_limited",
   "peak_minute_requests", "tenant_public_peak_minute_requests")
SELECT g."week", g."tenant_id", g."app", g."route", g."method", g."status_class", g."requests", g."errors",
       g."rate_limited", g."peak_minute_requests", coalesce(t."peak", 0)
  FROM (SELECT date_trunc('week', "day", 'UTC') AS "week", "tenant_id", "app", "route", "method", "status_class",
               sum("requests")::bigint AS "requests", sum("errors")::bigint AS "errors",
               sum("rate_limited")::bigint AS "rate_limited", max("peak_minute_requests") AS "peak_minute_requests"
          FROM "api_usage_rollups_daily"
         GROUP BY 1, "tenant_id", "app", "route", "method", "status_class") g
  LEFT JOIN (SELECT date_trunc('week', "day", 'UTC') AS "week", "tenant_id", max("public_peak_minute_requests") AS "peak"
               FROM "api_usage_rollups_daily_tenants"
              GROUP BY 1, "tenant_id") t ON t."week" = g."week" AND t."tenant_id" = g."tenant_id";
--> statement-breakpoint
CREATE INDEX "api_usage_rollups_weekly_route_week_idx" ON "api_usage_rollups_weekly" USING btree ("route","week","tenant_id","app","method","status_class","requests","errors","rate_limited","peak_minute_requests","tenant_public_peak_minute_requests");
--> statement-breakpoint
ANALYZE "api_usage_rollups_weekly";
