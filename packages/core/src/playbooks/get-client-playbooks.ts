import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { getTenantOrThrow } from "../success/get-tenant-or-throw";
import { listPlaybooks } from "./list-playbooks";

/** How far usage must fall against the prior 30 days to suggest the low-adoption playbook. */
export const LOW_ADOPTION_SHARE = 0.75;
export const RENEWAL_WINDOW_DAYS = 60;

export type ClientPlaybook = {
  id: string;
  code: string;
  name: string;
  description: string | null;
  stepCount: number;
  /** Why the portal suggests it now, in words; null when its trigger does not hold. */
  suggestion: string | null;
  run: { id: string; status: string; startedAt: Date; completedAt: Date | null; done: number; total: number } | null;
};

/**
 * Every playbook for one client: its latest run with progress (done / total tasks) and whether its
 * trigger holds — low adoption (API requests or feature use down 25%+ against the prior 30 days),
 * Payment Retries (an overdue open invoice or a retry scheduled), renewal prep (period ends within 60 days).
 */
export async function getClientPlaybooks(
  { tenantId, now = new Date() }: { tenantId: string; now?: Date },
  executor: Executor = db,
): Promise<ClientPlaybook[]> {
  const tenant = await getTenantOrThrow({ tenantId }, executor);
  const at = sql`${now.toISOString()}::timestamptz`;
  const [templates, runs, triggers] = await Promise.all([
    listPlaybooks(executor),
    executor.execute<{
      id: string;
      playbook_id: string;
      status: string;
      started_at: string;
      completed_at: string | null;
      done: string;
      total: string;
    }>(sql`
      select distinct on (r.playbook_id) r.id, r.playbook_id, r.status, r.started_at, r.completed_at,
        (select count(*) from tasks k where k.playbook_run_id = r.id and k.status = 'done') as done,
        (select count(*) from tasks k where k.playbook_run_id = r.id and k.status <> 'canceled') as total
      from playbook_runs r where r.tenant_id = ${tenant.id}
      order by r.playbook_id, (r.status = 'running') desc, r.started_at desc`),
    executor.execute<{
      api_recent: string;
      api_prior: string;
      feat_recent: string;
      feat_prior: string;
      retrying: string;
      renews_at: string | null;
    }>(sql`
      select
        (select coalesce(sum(requests), 0) from api_usage_rollups_daily_tenants where tenant_id = ${tenant.id} and day >= ${at} - interval '30 days' and day < ${at}) as api_recent,
        (select coalesce(sum(requests), 0) from api_usage_rollups_daily_tenants where tenant_id = ${tenant.id} and day >= ${at} - interval '60 days' and day < ${at} - interval '30 days') as api_prior,
        (select coalesce(sum(count), 0) from feature_usage where tenant_id = ${tenant.id} and app = 'tenant' and at >= ${at} - interval '30 days' and at < ${at}) as feat_recent,
        (select coalesce(sum(count), 0) from feature_usage where tenant_id = ${tenant.id} and app = 'tenant' and at >= ${at} - interval '60 days' and at < ${at} - interval '30 days') as feat_prior,
        (select count(*) from invoices where tenant_id = ${tenant.id} and status = 'open' and amount_due_cents > 0
          and (next_retry_at is not null or retry_attempts > 0 or due_at < ${at})) as retrying,
        (select min(current_period_end) from subscriptions where tenant_id = ${tenant.id}
          and status in ('active', 'trialing', 'past_due') and current_period_end >= ${at}) as renews_at`),
  ]);
  const trigger = triggers.rows[0];
  const suggestions: Record<string, string | null> = {
    low_adoption:
      lowAdoption(Number(trigger?.api_recent ?? 0), Number(trigger?.api_prior ?? 0), "API requests") ??
      lowAdoption(Number(trigger?.feat_recent ?? 0), Number(trigger?.feat_prior ?? 0), "Feature use"),
    payment_retries: retrying(Number(trigger?.retrying ?? 0)),
    renewal_prep: renewal(trigger?.renews_at ?? null, now),
  };
  return templates.map((playbook) => {
    const run = runs.rows.find((row) => row.playbook_id === playbook.id);
    return {
      id: playbook.id,
      code: playbook.code,
      name: playbook.name,
      description: playbook.description,
      stepCount: playbook.steps.length,
      suggestion: run?.status === "running" ? null : (suggestions[playbook.code] ?? null),
      run: run
        ? {
            id: run.id,
            status: run.status,
            startedAt: new Date(run.started_at),
            completedAt: run.completed_at ? new Date(run.completed_at) : null,
            done: Number(run.done),
            total: Number(run.total),
          }
        : null,
    };
  });
}

function lowAdoption(recent: number, prior: number, what: string): string | null {
  if (prior === 0 || recent >= prior * LOW_ADOPTION_SHARE) return null;
  return `${what} down ${Math.round(100 * (1 - recent / prior))}% against the prior 30 days`;
}

function retrying(count: number): string | null {
  if (count === 0) return null;
  return `${count} invoice${count === 1 ? "" : "s"} in Payment Retries`;
}

function renewal(renewsAt: string | null, now: Date): string | null {
  if (!renewsAt) return null;
  const days = Math.ceil((Date.parse(renewsAt) - now.getTime()) / 86_400_000);
  return days <= RENEWAL_WINDOW_DAYS ? `Renews in ${days} day${days === 1 ? "" : "s"}` : null;
}
