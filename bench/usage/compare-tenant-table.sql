-- The API Usage tenant table (30 days, all tenants, first page by requests) before and after
-- (issue #16 item 9), interleaved in one psql session so machine load hits both alike. Both read the
-- window's whole days from api_usage_rollups_daily_tenants and the hour in progress from raw rows;
-- the current day's finished hours come from the per-tenant hourly rows (`old`, grouped per tenant
-- and hour) or from the hour × tenant level (`new`, api_usage_rollups_hourly_tenants).
--   psql <url> -v now=2026-…Z -f bench/usage/compare-tenant-table.sql | grep Time
-- (`now` as bench:usage-queries prints it.) Lines alternate old, new (20 pairs); then the two
-- first pages side by side (identical expected).
\timing on
\o /dev/null
prepare old as
  with usage as (
    select s.tenant_id, sum(s.requests) as requests, sum(s.errors) as errors, sum(s.rate_limited) as rate_limited, max(s.peak) as peak
      from (select r.tenant_id, r.requests, r.errors, r.rate_limited, r.public_peak_minute_requests
              from api_usage_rollups_daily_tenants r
             where r.day >= date_trunc('day', :'now'::timestamptz, 'UTC') - interval '29 days' and r.day < date_trunc('day', :'now'::timestamptz, 'UTC')
            union all
            select r.tenant_id, sum(r.requests), sum(r.errors), sum(r.rate_limited),
                   coalesce(sum(r.peak_minute_requests) filter (where r.app = 'tenant' and r.route like '/api/v1/%'), 0)
              from api_usage_rollups r
             where r.hour >= date_trunc('day', :'now'::timestamptz, 'UTC') and r.hour < date_trunc('hour', :'now'::timestamptz)
             group by r.tenant_id, r.hour
            union all
            select m.tenant_id, sum(m.requests), sum(m.errors), sum(m.rate_limited), max(m.public_requests)
              from (select coalesce(u.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) as tenant_id,
                           date_trunc('minute', u.at) as minute, count(*) as requests,
                           count(*) filter (where u.status >= 400 and u.status <> 429) as errors,
                           count(*) filter (where u.status = 429) as rate_limited,
                           count(*) filter (where u.app = 'tenant' and u.route like '/api/v1/%') as public_requests
                      from api_usage u
                     where u.at >= date_trunc('hour', :'now'::timestamptz) and u.at < :'now'::timestamptz
                     group by 1, 2) m
             group by m.tenant_id) as s (tenant_id, requests, errors, rate_limited, peak)
     group by s.tenant_id)
  select t.id, t.name, coalesce(usage.requests, 0) as requests, coalesce(usage.errors, 0) as errors,
         coalesce(usage.rate_limited, 0) as rate_limited, coalesce(usage.peak, 0) as peak
    from tenants t
    left join usage on usage.tenant_id = t.id
    left join tenant_rate_limits trl on trl.tenant_id = t.id
    left join plans p on p.id = t.plan_id
   order by 3 desc, t.name, t.id
   limit 26;
prepare new as
  with usage as (
    select s.tenant_id, sum(s.requests) as requests, sum(s.errors) as errors, sum(s.rate_limited) as rate_limited, max(s.peak) as peak
      from (select r.tenant_id, r.requests, r.errors, r.rate_limited, r.public_peak_minute_requests
              from api_usage_rollups_daily_tenants r
             where r.day >= date_trunc('day', :'now'::timestamptz, 'UTC') - interval '29 days' and r.day < date_trunc('day', :'now'::timestamptz, 'UTC')
            union all
            select r.tenant_id, r.requests, r.errors, r.rate_limited, r.public_peak_minute_requests
              from api_usage_rollups_hourly_tenants r
             where r.hour >= date_trunc('day', :'now'::timestamptz, 'UTC') and r.hour < date_trunc('hour', :'now'::timestamptz)
            union all
            select m.tenant_id, sum(m.requests), sum(m.errors), sum(m.rate_limited), max(m.public_requests)
              from (select coalesce(u.tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) as tenant_id,
                           date_trunc('minute', u.at) as minute, count(*) as requests,
                           count(*) filter (where u.status >= 400 and u.status <> 429) as errors,
                           count(*) filter (where u.status = 429) as rate_limited,
                           count(*) filter (where u.app = 'tenant' and u.route like '/api/v1/%') as public_requests
                      from api_usage u
                     where u.at >= date_trunc('hour', :'now'::timestamptz) and u.at < :'now'::timestamptz
                     group by 1, 2) m
             group by m.tenant_id) as s (tenant_id, requests, errors, rate_limited, peak)
     group by s.tenant_id)
  select t.id, t.name, coalesce(usage.requests, 0) as requests, coalesce(usage.errors, 0) as errors,
         coalesce(usage.rate_limited, 0) as rate_limited, coalesce(usage.peak, 0) as peak
    from tenants t
    left join usage on usage.tenant_id = t.id
    left join tenant_rate_limits trl on trl.tenant_id = t.id
    left join plans p on p.id = t.plan_id
   order by 3 desc, t.name, t.id
   limit 26;
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
select (select count(*) from old_rows) as old_rows,
       (select count(*) from (select * from old_rows except select * from new_rows) d) as old_not_new,
       (select count(*) from (select * from new_rows except select * from old_rows) d) as new_not_old;
