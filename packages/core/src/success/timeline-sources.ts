import { type SQL, sql } from "drizzle-orm";

/** What the Client 360 timeline can be filtered by. */
export const TIMELINE_KINDS = [
  "task",
  "note",
  "ebr",
  "playbook",
  "email",
  "dispute",
  "invoice",
  "payment",
  "onboarding",
  "plan",
  "incident",
  "nps",
  "account",
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const money = (cents: string) => sql.raw(`'$' || to_char((${cents})::numeric / 100, 'FM999,999,990.00')`);
const words = (column: string) => sql.raw(`initcap(replace(${column}, '_', ' '))`);

/**
 * One query over every row that says something happened to a client, each as
 * (id, kind, at, title, actor, related_type, related_id, detail): the success records the
 * portal writes (`activities`) and the facts other domains already keep (outbox, disputes,
 * invoices, payments, onboarding audit events, MRR movements, incidents). Titles are words,
 * not codes; `actor` is a person's name, or null for the system.
 */
export function timelineSql(tenantId: string): SQL {
  return sql`
    select a.id::text as id,
      case when a.kind = 'call' then 'task'
        when a.kind = 'system' and a.related_type = 'playbook_run' then 'playbook'
        when a.kind = 'system' and a.related_type = 'nps_response' then 'nps'
        when a.kind = 'system' then 'account' else a.kind end as kind,
      a.at, a.title, u.name as actor, a.related_type, a.related_id, a.metadata as detail
    from activities a left join users u on u.id = a.actor_id
    where a.tenant_id = ${tenantId}
    union all
    select 'email:' || e.id, 'email', coalesce(e.sent_at, e.created_at),
      case e.status when 'sent' then 'Email sent: ' when 'failed' then 'Email failed: ' else 'Email queued: ' end
        || e.subject || ' — to ' || e.to,
      null, e.related_type, e.related_id, jsonb_build_object('emailKind', e.kind)
    from email_outbox e where e.tenant_id = ${tenantId}
    union all
    select 'dispute:' || d.id, 'dispute', d.created_at,
      'Dispute raised: ' || ${words("d.reason_code")}, null, 'lead', d.lead_id::text, '{}'::jsonb
    from lead_disputes d where d.tenant_id = ${tenantId}
    union all
    select 'dispute-decision:' || d.id, 'dispute', d.decided_at,
      'Dispute ' || d.status || coalesce(': ' || d.decision_note, ''), u.name, 'lead', d.lead_id::text, '{}'::jsonb
    from lead_disputes d left join users u on u.id = d.decided_by
    where d.tenant_id = ${tenantId} and d.decided_at is not null
    union all
    select 'invoice:' || i.id, 'invoice', i.issued_at,
      'Invoice ' || i.number || ' issued: ' || ${money("i.total_cents")}, null, 'invoice', i.id::text,
      jsonb_build_object('status', i.status)
    from invoices i where i.tenant_id = ${tenantId} and i.issued_at is not null
    union all
    select 'payment:' || p.id, 'payment', p.attempted_at,
      case when p.status = 'succeeded' then 'Payment received: ' || ${money("p.amount_cents")} || ' for invoice ' || i.number
        else 'Payment failed: ' || ${money("p.amount_cents")} || ' for invoice ' || i.number || coalesce(' (' || p.failure_reason || ')', '') end,
      null, 'invoice', p.invoice_id::text, '{}'::jsonb
    from payments p join invoices i on i.id = p.invoice_id where p.tenant_id = ${tenantId}
    union all
    select 'audit:' || ae.id, 'onboarding', ae.at,
      case ae.action when 'onboarding.started' then 'Onboarding started'
        when 'onboarding.completed' then 'Onboarding completed'
        else 'Onboarding step completed: ' || ${words("coalesce(ae.metadata->>'step', 'step')")} end,
      coalesce(u.name, ae.actor_label), 'onboarding', ae.tenant_id::text, '{}'::jsonb
    from audit_events ae left join users u on u.id = ae.actor_id
    where ae.tenant_id = ${tenantId}
      and ae.action in ('onboarding.started', 'onboarding.step_completed', 'onboarding.completed')
    union all
    select 'plan:' || se.id, 'plan', se.effective_at,
      'Plan change: ' || se.type || coalesce(' to ' || pl.name, '') || ', MRR ' || ${money("se.mrr_before_cents")}
        || ' → ' || ${money("se.mrr_after_cents")},
      null, 'subscription', se.subscription_id::text, '{}'::jsonb
    from subscription_events se left join plans pl on pl.id = se.to_plan_id where se.tenant_id = ${tenantId}
    union all
    select 'incident:' || inc.id, 'incident', inc.opened_at,
      'Incident opened: ' || upper(inc.severity) || ' ' || inc.title
        || case when inc.escalation_level > 0 then ' (escalation level ' || inc.escalation_level || ')' else '' end,
      null, 'incident', inc.id::text, jsonb_build_object('status', inc.status, 'escalationLevel', inc.escalation_level)
    from incidents inc where inc.tenant_id = ${tenantId}
    union all
    select 'incident-resolved:' || inc.id, 'incident', inc.resolved_at,
      'Incident resolved: ' || upper(inc.severity) || ' ' || inc.title, null, 'incident', inc.id::text, '{}'::jsonb
    from incidents inc where inc.tenant_id = ${tenantId} and inc.resolved_at is not null`;
}
