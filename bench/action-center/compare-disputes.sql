-- disputesPending before and after (issue #16 item 9), interleaved in one psql session so machine
-- load hits both alike: `old` builds every pending dispute's client, category and details before
-- paging (the query up to commit 3e57263); `new` pages first and joins them for the page's rows only
-- (bucket-queries.ts `lateColumns`), with churned clients as one hashed list. Same rows, same order.
--   npm run bench:action-center -- --keep      (prints the kept database's URL)
--   psql <url> -f bench/action-center/compare-disputes.sql | grep Time
-- Lines alternate old, new (30 pairs).
\timing on
\o /dev/null
prepare old as select * from (select i.*, case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 end as severity_rank,
 coalesce(floor(extract(epoch from i.due_at) * 1000)::bigint, 9000000000000000::bigint) as due_key, -coalesce(i.amount_cents,0) as money_key, count(*) over () as total
 from (
        select l.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case when now() > d.created_at + interval '72 hours' then 'high' when now() > d.created_at + interval '48 hours' then 'medium' else 'low' end as severity,
          d.created_at as opened_at, d.created_at + interval '72 hours' as due_at,
          l.price_cents::bigint as amount_cents, t.currency, 'lead' as subject_type, l.id::text as subject_id,
          jsonb_build_object('disputeId', d.id, 'reasonCode', d.reason_code, 'evidenceNote', d.evidence_note,
            'category', l.category, 'categoryName', lc.name, 'invoiced', l.invoice_line_id is not null) as details
        from lead_disputes d
        join leads l on l.id = d.lead_id and l.tenant_id = d.tenant_id
        join tenants t on t.id = d.tenant_id and t.status <> 'churned'
        left join lead_categories lc on lc.trade = t.trade and lc.code = l.category
        where d.status = 'pending') i
 where not exists (select 1 from action_snoozes s where s.bucket = 'disputesPending' and s.item_id = i.id and s.until > now())) ranked
 order by severity_rank, due_key, money_key, id limit 11;
prepare new as select paged.*, late.* from (select * from (select i.*, case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 end as severity_rank,
 coalesce(floor(extract(epoch from i.due_at) * 1000)::bigint, 9000000000000000::bigint) as due_key, -coalesce(i.amount_cents,0) as money_key, count(*) over () as total
 from (
        select l.id::text as id, d.tenant_id,
          case when now() > d.created_at + interval '72 hours' then 'high' when now() > d.created_at + interval '48 hours' then 'medium' else 'low' end as severity,
          d.created_at as opened_at, d.created_at + interval '72 hours' as due_at,
          l.price_cents::bigint as amount_cents, 'lead' as subject_type, l.id::text as subject_id, d.id as dispute_id
        from lead_disputes d
        join leads l on l.id = d.lead_id and l.tenant_id = d.tenant_id
        where d.status = 'pending' and d.tenant_id not in (select id from tenants where status = 'churned')) i
 where not exists (select 1 from action_snoozes s where s.bucket = 'disputesPending' and s.item_id = i.id and s.until > now())) ranked
 order by severity_rank, due_key, money_key, id limit 11) paged
 cross join lateral (select t.name as tenant_name, t.currency, jsonb_build_object('disputeId', d.id, 'reasonCode', d.reason_code, 'evidenceNote', d.evidence_note, 'category', l.category, 'categoryName', lc.name, 'invoiced', l.invoice_line_id is not null) as details
   from lead_disputes d join leads l on l.id = d.lead_id join tenants t on t.id = d.tenant_id left join lead_categories lc on lc.trade = t.trade and lc.code = l.category where d.id = paged.dispute_id) late
 order by severity_rank, due_key, money_key, id;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
execute old; execute new;
