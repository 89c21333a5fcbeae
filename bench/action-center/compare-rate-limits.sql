-- rateLimitAlerts before and after (issue #16 item 9), interleaved in one psql session so machine
-- load hits both alike: `old` aggregates the last 24 h of per-tenant hourly rollups (every app,
-- route, method and status class: ≈ 40k rows at 5,000 tenants); `new` the hour × tenant level
-- (api_usage_rollups_hourly_tenants, one row per tenant and hour). Same rows.
--   npm run bench:action-center -- --keep      (prints the kept database's URL)
--   psql <url> -f bench/action-center/compare-rate-limits.sql | grep Time
-- Lines alternate old, new (30 pairs); the last two statements count rows that differ (0 expected).
\timing on
\o /dev/null
prepare old as
  select t.id, r.peak, r.rate_limited, r.requests, r.first_hour
    from (select tenant_id, max(peak_minute_requests) as peak, sum(rate_limited)::bigint as rate_limited,
                 sum(requests)::bigint as requests, min(hour) as first_hour
            from api_usage_rollups
           where hour >= now() - interval '24 hours' and hour <= now()
           group by tenant_id) r
    join tenants t on t.id = r.tenant_id and t.status <> 'churned'
    left join tenant_rate_limits trl on trl.tenant_id = t.id
    left join plans p on p.id = t.plan_id
   where r.rate_limited > 0 or r.peak >= 0.8 * coalesce(trl.requests_per_minute, p.api_rate_limit_per_minute, 60);
prepare new as
  select t.id, r.peak, r.rate_limited, r.requests, r.first_hour
    from (select tenant_id, max(peak_minute_requests) as peak, sum(rate_limited)::bigint as rate_limited,
                 sum(requests)::bigint as requests, min(hour) as first_hour
            from api_usage_rollups_hourly_tenants
           where hour >= now() - interval '24 hours' and hour <= now()
           group by tenant_id) r
    join tenants t on t.id = r.tenant_id and t.status <> 'churned'
    left join tenant_rate_limits trl on trl.tenant_id = t.id
    left join plans p on p.id = t.plan_id
   where r.rate_limited > 0 or r.peak >= 0.8 * coalesce(trl.requests_per_minute, p.api_rate_limit_per_minute, 60);
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
execute old;
execute new;
\o
create temp table old_rows as execute old;
create temp table new_rows as execute new;
select (select count(*) from old_rows) as old_rows, (select count(*) from new_rows) as new_rows,
       (select count(*) from (select * from old_rows except select * from new_rows) d) as old_not_new,
       (select count(*) from (select * from new_rows except select * from old_rows) d) as new_not_old;
