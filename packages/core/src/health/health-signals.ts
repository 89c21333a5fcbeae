import type { Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import type { HealthSignals } from "./health-components";

/**
 * Every health signal of the given tenants (all but churned ones without `tenantIds`) from the
 * data as it stood at `asOf`: only rows dated before it count, so the same query scores today and
 * scores history for the backtest. One statement, grouped per source, for thousands of tenants.
 */
export async function readHealthSignals(
  { asOf, tenantIds }: { asOf: Date; tenantIds?: readonly string[] },
  executor: Executor,
): Promise<Map<string, HealthSignals>> {
  const at = sql`${asOf.toISOString()}::timestamptz`;
  const scope = tenantIds
    ? sql`id = any(${`{${tenantIds.join(",")}}`}::uuid[])`
    : sql`status <> 'churned' and created_at <= ${at}`;
  const result = await executor.execute<Record<string, string | number | null>>(sql`
    with t as (select id from tenants where ${scope}),
    api as (
      select tenant_id,
        coalesce(sum(requests) filter (where day >= ${at} - interval '30 days'), 0)::bigint as recent,
        coalesce(sum(requests) filter (where day < ${at} - interval '30 days'), 0)::bigint as prior
      from api_usage_rollups_daily_tenants
      where day >= ${at} - interval '60 days' and day < ${at} and tenant_id in (select id from t)
      group by tenant_id
    ), feat as (
      select tenant_id, count(distinct feature_key)::int as used from feature_usage
      where app = 'tenant' and at >= ${at} - interval '30 days' and at < ${at} and tenant_id in (select id from t)
      group by tenant_id
    ), ld as (
      select tenant_id,
        count(*) filter (where received_at >= ${at} - interval '30 days')::int as recent,
        count(*) filter (where received_at < ${at} - interval '30 days' and received_at >= ${at} - interval '60 days')::int as prior,
        count(*)::int as last90
      from leads
      where received_at >= ${at} - interval '90 days' and received_at < ${at} and tenant_id in (select id from t)
      group by tenant_id
    ), disp as (
      select tenant_id, count(*)::int as disputes from lead_disputes
      where created_at >= ${at} - interval '90 days' and created_at < ${at} and tenant_id in (select id from t)
      group by tenant_id
    ), overdue as (
      -- Unpaid at asOf and past due: what was owed then (a later payment does not erase it).
      select tenant_id,
        sum(case when paid_at is null then amount_due_cents else total_cents end)::bigint as cents,
        max(extract(day from ${at} - due_at))::int as oldest_days
      from invoices
      where status in ('open', 'paid', 'uncollectible') and issued_at <= ${at} and due_at < ${at}
        and (paid_at is null or paid_at > ${at}) and total_cents > 0 and tenant_id in (select id from t)
      group by tenant_id
    ), failed as (
      select tenant_id, count(*)::int as failures from payments
      where status = 'failed' and attempted_at >= ${at} - interval '30 days' and attempted_at < ${at}
        and tenant_id in (select id from t)
      group by tenant_id
    ), nps as (
      select tenant_id, count(*) filter (where score >= 9)::int as promoters,
        count(*) filter (where score <= 6)::int as detractors, count(*)::int as responses
      from nps_responses
      where responded_at >= ${at} - interval '180 days' and responded_at < ${at} and tenant_id in (select id from t)
      group by tenant_id
    ), inc as (
      select tenant_id, count(*) filter (where severity = 'sev1')::int as sev1,
        count(*) filter (where severity = 'sev2')::int as sev2
      from incidents
      where opened_at <= ${at} and (resolved_at is null or resolved_at > ${at}) and tenant_id in (select id from t)
      group by tenant_id
    )
    select t.id as tenant_id,
      coalesce(api.recent, 0) as api_recent, coalesce(api.prior, 0) as api_prior, coalesce(feat.used, 0) as features,
      coalesce(ld.recent, 0) as leads_recent, coalesce(ld.prior, 0) as leads_prior, coalesce(ld.last90, 0) as leads90,
      coalesce(disp.disputes, 0) as disputes, coalesce(overdue.cents, 0) as overdue_cents,
      coalesce(overdue.oldest_days, 0) as oldest_days, coalesce(failed.failures, 0) as failures,
      case
        when o.completed_at is not null and o.completed_at <= ${at} then 'completed'
        when o.started_at is null or o.started_at > ${at} then 'not_started'
        when coalesce(o.last_progress_at, o.started_at) >= ${at} - interval '14 days' then 'in_progress'
        when o.completed_at is not null or o.last_progress_at > ${at} then 'in_progress'
        else 'stalled'
      end as onboarding,
      coalesce(nps.promoters, 0) as promoters, coalesce(nps.detractors, 0) as detractors,
      coalesce(nps.responses, 0) as responses, coalesce(inc.sev1, 0) as sev1, coalesce(inc.sev2, 0) as sev2
    from t
    left join api on api.tenant_id = t.id
    left join feat on feat.tenant_id = t.id
    left join ld on ld.tenant_id = t.id
    left join disp on disp.tenant_id = t.id
    left join overdue on overdue.tenant_id = t.id
    left join failed on failed.tenant_id = t.id
    left join tenant_onboarding o on o.tenant_id = t.id
    left join nps on nps.tenant_id = t.id
    left join inc on inc.tenant_id = t.id`);
  const signals = new Map<string, HealthSignals>();
  for (const row of result.rows) {
    signals.set(String(row.tenant_id), {
      apiRequestsRecent: Number(row.api_recent),
      apiRequestsPrior: Number(row.api_prior),
      featuresUsedRecent: Number(row.features),
      leadsRecent: Number(row.leads_recent),
      leadsPrior: Number(row.leads_prior),
      leads90d: Number(row.leads90),
      disputes90d: Number(row.disputes),
      overdueCents: Number(row.overdue_cents),
      oldestOverdueDays: Number(row.oldest_days),
      failedPayments30d: Number(row.failures),
      onboarding: row.onboarding as HealthSignals["onboarding"],
      npsPromoters: Number(row.promoters),
      npsDetractors: Number(row.detractors),
      npsResponses: Number(row.responses),
      openSev1: Number(row.sev1),
      openSev2: Number(row.sev2),
    });
  }
  return signals;
}
