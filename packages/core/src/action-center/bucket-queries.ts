import { type SQL, sql } from "drizzle-orm";
import { slaClockSql } from "../incidents/sla-state";
import { REFUNDABLE_BY_CARD } from "../leads/refundable-by-card";
import {
  type ActionBucket,
  AT_RISK_OVERDUE_DAYS,
  CANCELLATION_DAYS,
  CHARGEBACK_EVIDENCE_URGENT_DAYS,
  DISPUTE_DECISION_HOURS,
  FAILED_PAYMENT_LOOKBACK_DAYS,
  LARGE_INVOICE_CENTS,
  RATE_LIMIT_WARNING_SHARE,
  RATE_LIMITED_HIGH_COUNT,
  TRIAL_ENDING_DAYS,
} from "./buckets";
import type { UsageDrop } from "./usage-drops";

/**
 * One query per bucket, each producing the same columns:
 *   id, tenant_id, tenant_name, severity, opened_at (age starts here), due_at (the breach time),
 *   amount_cents (money at risk), currency, subject_type, subject_id, details (jsonb) — or some of
 *   them after paging (`lateColumns`).
 * The severity rules live here as SQL (so filtering, counting and ordering happen in the
 * database) and are written out in docs/action-center.md; keep the two in step.
 * Churned tenants are left out of every bucket: there is nothing left to act on.
 */
/** A rule's threshold inlined as a literal: the planner sees it, and numeric types stay numeric. */
const constant = (value: number) => sql.raw(String(value));

/**
 * Columns a bucket works out after paging, for the page's rows only, where building them for every
 * item cost most of the query: disputesPending joins the client and category and builds `details`
 * for its ≈ 10 rows instead of all 1,700 pending disputes (docs/benchmarks.md). A lateral subquery
 * over the paged row `row`; null: the bucket query returns every column itself.
 */
export function lateColumns(bucket: ActionBucket, row: SQL): SQL | null {
  if (bucket !== "disputesPending") return null;
  return sql`(
    select t.name as tenant_name, t.currency,
      jsonb_build_object(
        'disputeId', d.id, 'reasonCode', d.reason_code, 'evidenceNote', d.evidence_note,
        'category', l.category, 'categoryName', lc.name, 'invoiced', l.invoice_line_id is not null,
        'refundableByCard', ${REFUNDABLE_BY_CARD}
      ) as details
    from lead_disputes d
    join leads l on l.id = d.lead_id
    join tenants t on t.id = d.tenant_id
    left join lead_categories lc on lc.trade = t.trade and lc.code = l.category
    where d.id = ${row}.dispute_id)`;
}

export function bucketQuery(bucket: ActionBucket, now: SQL, usageDrops: readonly UsageDrop[] = []): SQL {
  switch (bucket) {
    case "disputesPending":
      // low while inside the decision target, medium in its last day, high once past it.
      return sql`
        select l.id::text as id, d.tenant_id,
          case
            when ${now} > d.created_at + ${sql.raw(`interval '${DISPUTE_DECISION_HOURS} hours'`)} then 'high'
            when ${now} > d.created_at + ${sql.raw(`interval '${DISPUTE_DECISION_HOURS - 24} hours'`)} then 'medium'
            else 'low'
          end as severity,
          d.created_at as opened_at,
          d.created_at + ${sql.raw(`interval '${DISPUTE_DECISION_HOURS} hours'`)} as due_at,
          l.price_cents::bigint as amount_cents,
          'lead' as subject_type, l.id::text as subject_id,
          d.id as dispute_id
        from lead_disputes d
        join leads l on l.id = d.lead_id and l.tenant_id = d.tenant_id
        where d.status = 'pending'
          -- One hashed list of churned clients instead of a client lookup per dispute; the name and
          -- currency come with the page (lateColumns).
          and d.tenant_id not in (select id from tenants where status = 'churned')`;
    case "invoicesOverdue":
      // critical past 30 days or at $1,000+ due; high past 14 days; medium past 7; else low.
      return sql`
        select i.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case
            when ${now} - i.due_at > interval '30 days' or i.amount_due_cents >= ${constant(LARGE_INVOICE_CENTS)} then 'critical'
            when ${now} - i.due_at > interval '14 days' then 'high'
            when ${now} - i.due_at > interval '7 days' then 'medium'
            else 'low'
          end as severity,
          i.due_at as opened_at, i.due_at as due_at,
          i.amount_due_cents::bigint as amount_cents, i.currency,
          'invoice' as subject_type, i.id::text as subject_id,
          jsonb_build_object(
            'number', i.number, 'retryAttempts', i.retry_attempts, 'nextRetryAt', i.next_retry_at,
            'lastReminderAt', i.last_reminder_at,
            'remindedToday', coalesce(i.last_reminder_at >= date_trunc('day', ${now}, 'UTC'), false)
          ) as details
        from invoices i
        join tenants t on t.id = i.tenant_id and t.status <> 'churned'
        where i.status in ('open', 'uncollectible') and i.written_off_at is null and i.due_at < ${now} and i.amount_due_cents > 0`;
    case "paymentsFailed":
      // One item per unpaid invoice with a failed attempt in the last 30 days. critical when the
      // retries are spent (no next retry, or 3+ attempts) or $1,000+ is due; high after 2; else medium.
      // The breach time is the next retry: the moment the money is tried again.
      return sql`
        select i.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case
            when i.next_retry_at is null or i.retry_attempts >= 3 or i.amount_due_cents >= ${constant(LARGE_INVOICE_CENTS)} then 'critical'
            when i.retry_attempts >= 2 then 'high'
            else 'medium'
          end as severity,
          f.first_failed_at as opened_at, i.next_retry_at as due_at,
          i.amount_due_cents::bigint as amount_cents, i.currency,
          'invoice' as subject_type, i.id::text as subject_id,
          jsonb_build_object(
            'number', i.number, 'failures', f.failures, 'lastFailedAt', f.last_failed_at,
            'failureReason', f.failure_reason, 'retryAttempts', i.retry_attempts, 'nextRetryAt', i.next_retry_at,
            'lastReminderAt', i.last_reminder_at,
            'remindedToday', coalesce(i.last_reminder_at >= date_trunc('day', ${now}, 'UTC'), false)
          ) as details
        from (
          select p.invoice_id, min(p.attempted_at) as first_failed_at, max(p.attempted_at) as last_failed_at,
            count(*)::int as failures,
            (array_agg(p.failure_reason order by p.attempted_at desc))[1] as failure_reason
          from payments p
          where p.status = 'failed' and p.attempted_at > ${now} - ${sql.raw(`interval '${FAILED_PAYMENT_LOOKBACK_DAYS} days'`)}
            and p.attempted_at <= ${now}
          group by p.invoice_id
        ) f
        join invoices i on i.id = f.invoice_id
        join tenants t on t.id = i.tenant_id and t.status <> 'churned'
        where i.status in ('open', 'uncollectible') and i.written_off_at is null and i.amount_due_cents > 0`;
    case "chargebacks":
      // One item per card chargeback Stripe still holds open. critical when evidence is due within
      // 3 days, high while a response is needed, medium while Stripe reviews it. Due: the evidence deadline.
      return sql`
        select c.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case
            when c.status in ('needs_response', 'warning_needs_response')
              and c.evidence_due_by <= ${now} + ${sql.raw(`interval '${CHARGEBACK_EVIDENCE_URGENT_DAYS} days'`)} then 'critical'
            when c.status in ('needs_response', 'warning_needs_response') then 'high'
            else 'medium'
          end as severity,
          c.created_at as opened_at, c.evidence_due_by as due_at,
          c.amount_cents::bigint as amount_cents, c.currency,
          'invoice' as subject_type, c.invoice_id::text as subject_id,
          jsonb_build_object(
            'number', i.number, 'reason', c.reason, 'status', c.status, 'disputeId', c.dispute_id,
            'evidenceDueBy', c.evidence_due_by
          ) as details
        from card_disputes c
        join invoices i on i.id = c.invoice_id
        join tenants t on t.id = c.tenant_id and t.status <> 'churned'
        where c.status in ('warning_needs_response', 'warning_under_review', 'needs_response', 'under_review')`;
    case "subsExpiring":
      // A trial ending within 14 days or a cancellation taking effect within 30. high within 3
      // days, medium within 7, else low. Money at risk: the MRR, or for a trial what it would pay.
      return sql`
        select s.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case
            when x.ends_at <= ${now} + interval '3 days' then 'high'
            when x.ends_at <= ${now} + interval '7 days' then 'medium'
            else 'low'
          end as severity,
          s.current_period_start as opened_at, x.ends_at as due_at,
          (case when s.mrr_cents > 0 then s.mrr_cents else p.price_cents * s.quantity end)::bigint as amount_cents,
          s.currency, 'subscription' as subject_type, s.id::text as subject_id,
          jsonb_build_object(
            'kind', x.kind, 'status', s.status, 'planName', p.name, 'endsAt', x.ends_at
          ) as details
        from subscriptions s
        cross join lateral (
          select case when s.status = 'trialing' then 'trial_ending' else 'cancelling' end as kind,
            case when s.status = 'trialing' then coalesce(s.trial_end, s.current_period_end) else s.current_period_end end as ends_at
        ) x
        join plans p on p.id = s.plan_id
        join tenants t on t.id = s.tenant_id and t.status <> 'churned'
        where (
          s.status = 'trialing'
          and coalesce(s.trial_end, s.current_period_end) > ${now}
          and coalesce(s.trial_end, s.current_period_end) <= ${now} + ${sql.raw(`interval '${TRIAL_ENDING_DAYS} days'`)}
        ) or (
          s.status in ('active', 'past_due') and s.cancel_at_period_end
          and s.current_period_end > ${now}
          and s.current_period_end <= ${now} + ${sql.raw(`interval '${CANCELLATION_DAYS} days'`)}
        )`;
    case "slaBreaches": {
      // The running SLA clock (acknowledge until acknowledged, then resolve) in its business
      // calendar, as the incident's SLA columns keep it (incidents/sla-state.ts): listed once about
      // to breach (≤ 20 % left) or breached; a paused clock is judged where it paused.
      // critical: breached sev1/sev2; high: other breaches and sev1/sev2 about to breach; else medium.
      const clock = slaClockSql(now, "inc");
      return sql`
        select c.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case
            when c.breached and c.severity in ('sev1', 'sev2') then 'critical'
            when c.breached or c.severity in ('sev1', 'sev2') then 'high'
            else 'medium'
          end as severity,
          c.opened_at, c.target_at as due_at, null::bigint as amount_cents, null::text as currency,
          'incident' as subject_type, c.id::text as subject_id,
          jsonb_build_object(
            'title', c.title, 'incidentSeverity', c.severity, 'status', c.status, 'clock', c.clock,
            'breached', c.breached, 'slaState', c.sla_state, 'paused', c.resolve_paused_at is not null,
            'elapsedPercent', c.elapsed_percent, 'escalationLevel', c.escalation_level
          ) as details
        from (
          select inc.*, ${clock.clock} as clock, ${clock.targetAt} as target_at, ${clock.state} as sla_state,
            ${clock.state} = 'breached' as breached,
            floor(100 * extract(epoch from ${now} - inc.opened_at)
              / greatest(extract(epoch from ${clock.targetAt} - inc.opened_at), 1))::int as elapsed_percent
          from incidents inc
          where inc.status <> 'resolved' and inc.opened_at <= ${now}
        ) c
        left join tenants t on t.id = c.tenant_id
        where (t.id is null or t.status <> 'churned') and c.sla_state <> 'on_track'`;
    }
    case "tenantsAtRisk":
      // One item per tenant with every signal that fired (an at-risk health band is one of them). critical: 3+ signals or an open sev1;
      // high: 2 signals; medium: 1. Money at risk: the tenant's MRR. The usage signal comes in
      // precomputed (usage-drops.ts): it is the one signal that scans many rows.
      return sql`
        with overdue as (
          select tenant_id, min(due_at) as since, sum(amount_due_cents)::bigint as cents, count(*)::int as invoices
          from invoices
          where status in ('open', 'uncollectible') and written_off_at is null and amount_due_cents > 0
            and due_at < ${now} - ${sql.raw(`interval '${AT_RISK_OVERDUE_DAYS} days'`)}
          group by tenant_id
        ), serious as (
          select tenant_id, min(opened_at) as since, count(*)::int as incidents, bool_or(severity = 'sev1') as sev1
          from incidents
          where status <> 'resolved' and severity in ('sev1', 'sev2') and tenant_id is not null and opened_at <= ${now}
          group by tenant_id
        ), dropped as (
          select * from jsonb_to_recordset(${JSON.stringify(usageDrops)}::jsonb)
            as d("tenantId" uuid, recent bigint, prior bigint)
        ), health as (
          -- The health score's band (core/health): a client whose latest score is at risk.
          select distinct on (tenant_id) tenant_id, score, band, day from health_scores
          where day <= ((${now}) at time zone 'UTC')::date order by tenant_id, day desc
        ), candidates as (
          select id as tenant_id from tenants where status = 'past_due'
          union select tenant_id from overdue
          union select tenant_id from serious
          union select "tenantId" from dropped
          union select tenant_id from health where band = 'at_risk'
        ), signals as (
          select t.id, t.name, t.status, t.currency, t.updated_at, o.since as overdue_since, o.cents as overdue_cents,
            o.invoices as overdue_invoices, s.since as incident_since, s.incidents, coalesce(s.sev1, false) as sev1,
            d.recent, d.prior, case when h.band = 'at_risk' then h.score end as health_score, h.day as health_day,
            (t.status = 'past_due')::int + (o.tenant_id is not null)::int + (s.tenant_id is not null)::int
              + (d."tenantId" is not null)::int + (h.band = 'at_risk')::int as signal_count
          from candidates c
          join tenants t on t.id = c.tenant_id and t.status <> 'churned'
          left join overdue o on o.tenant_id = t.id
          left join serious s on s.tenant_id = t.id
          left join dropped d on d."tenantId" = t.id
          left join health h on h.tenant_id = t.id
        )
        select x.id::text as id, x.id as tenant_id, x.name as tenant_name,
          case
            when x.signal_count >= 3 or x.sev1 then 'critical'
            when x.signal_count = 2 then 'high'
            else 'medium'
          end as severity,
          least(
            x.overdue_since, x.incident_since,
            case when x.status = 'past_due' then x.updated_at end,
            case when x.prior is not null then ${now} - interval '30 days' end,
            case when x.health_score is not null then x.health_day::timestamptz end
          ) as opened_at,
          null::timestamptz as due_at,
          (select coalesce(sum(mrr_cents), 0) from subscriptions
            where tenant_id = x.id and status in ('active', 'past_due'))::bigint as amount_cents,
          x.currency, 'tenant' as subject_type, x.id::text as subject_id,
          jsonb_build_object(
            'pastDue', x.status = 'past_due', 'overdueInvoices', x.overdue_invoices, 'overdueCents', x.overdue_cents,
            'currency', x.currency,
            'openIncidents', x.incidents, 'recentRequests', x.recent, 'priorRequests', x.prior,
            'healthScore', x.health_score
          ) as details
        from signals x`;
    case "rateLimitAlerts":
      // Last 24 h of the hour × tenant rollups: any 429 or a peak minute at 80%+ of the tenant's limit (its override,
      // else its plan's). high: 100+ 429s or the peak reached the limit; medium: any 429; low: near.
      return sql`
        select t.id::text as id, t.id as tenant_id, t.name as tenant_name,
          case
            when r.rate_limited >= ${constant(RATE_LIMITED_HIGH_COUNT)} or r.peak >= lim.per_minute then 'high'
            when r.rate_limited > 0 then 'medium'
            else 'low'
          end as severity,
          r.first_hour as opened_at, null::timestamptz as due_at, null::bigint as amount_cents, null::text as currency,
          'tenant' as subject_type, t.id::text as subject_id,
          jsonb_build_object(
            'peakMinuteRequests', r.peak, 'limitPerMinute', lim.per_minute, 'rateLimited', r.rate_limited,
            'requests', r.requests, 'limitSource', lim.source
          ) as details
        from (
          select tenant_id, max(peak_minute_requests) as peak, sum(rate_limited)::bigint as rate_limited,
            sum(requests)::bigint as requests, min(hour) as first_hour
          from api_usage_rollups_hourly_tenants
          where hour >= ${now} - interval '24 hours' and hour <= ${now}
          group by tenant_id
        ) r
        join tenants t on t.id = r.tenant_id and t.status <> 'churned'
        left join tenant_rate_limits trl on trl.tenant_id = t.id
        left join plans p on p.id = t.plan_id
        cross join lateral (
          select coalesce(trl.requests_per_minute, p.api_rate_limit_per_minute, 60) as per_minute,
            case when trl.tenant_id is not null then 'override' else 'plan' end as source
        ) lim
        where r.rate_limited > 0 or r.peak >= ${constant(RATE_LIMIT_WARNING_SHARE)} * lim.per_minute`;
  }
}
