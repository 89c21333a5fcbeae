import { db, type Executor } from "@pp/db";
import { onboardingTemplates, tenantOnboarding, tenants } from "@pp/db/schema";
import { asc, eq, inArray, min, sql } from "drizzle-orm";

export const STALLED_AFTER_DAYS = 7;

export type OnboardingSummary = {
  /** How many started onboardings completed each step, in checklist order (the oldest tenant's template first). */
  funnel: { key: string; title: string; reached: number }[];
  /** Completed onboardings by days from sign-up to go-live. */
  timeToLive: { label: string; count: number }[];
  /** `started`: tenants with a checklist, whatever its status. */
  totals: { notStarted: number; inProgress: number; completed: number; stalled: number; started: number };
};

const TTL_BUCKETS = [
  { label: "≤ 7 days", max: 7 },
  { label: "8–14 days", max: 14 },
  { label: "15–30 days", max: 30 },
  { label: "31–60 days", max: 60 },
  { label: "> 60 days", max: Number.POSITIVE_INFINITY },
];

/**
 * "Stalled": in progress with no progress (or, never progressed, no sign-up) for STALLED_AFTER_DAYS.
 * The one definition the totals and the list's filter share.
 */
export function stalledCondition(now: Date) {
  const cutoff = new Date(now.getTime() - STALLED_AFTER_DAYS * 86_400_000);
  return sql`(${tenantOnboarding.status} = 'in_progress' and coalesce(${tenantOnboarding.lastProgressAt}, ${tenants.createdAt}) < ${cutoff.toISOString()}::timestamptz)`;
}

/**
 * The totals, the step funnel and the time-to-live distribution over every tenant, counted in the
 * database (the list below them pages): all from the tenant_onboarding rows, so they always agree.
 * A tenant without a checklist is not started, whatever its own column says.
 */
export async function summarizeOnboarding(
  options: { now?: Date } = {},
  executor: Executor = db,
): Promise<OnboardingSummary> {
  const now = options.now ?? new Date();
  const [totalsRows, ttlRows, reachedRows, templateRows] = await Promise.all([
    executor
      .select({
        notStarted: sql<number>`count(*) filter (where coalesce(${tenantOnboarding.status}, 'not_started') = 'not_started')::int`,
        inProgress: sql<number>`count(*) filter (where ${tenantOnboarding.status} = 'in_progress')::int`,
        completed: sql<number>`count(*) filter (where ${tenantOnboarding.status} = 'completed')::int`,
        stalled: sql<number>`count(*) filter (where ${stalledCondition(now)})::int`,
        started: sql<number>`count(${tenantOnboarding.id})::int`,
      })
      .from(tenants)
      .leftJoin(tenantOnboarding, eq(tenantOnboarding.tenantId, tenants.id)),
    // Whole hours first, then whole days: the same rounding as computeTimeToLive.
    executor
      .select({
        days: sql<number>`(floor(greatest(0, floor(extract(epoch from ${tenantOnboarding.goLiveAt} - ${tenants.createdAt}) / 3600)) / 24))::int`,
        count: sql<number>`count(*)::int`,
      })
      .from(tenantOnboarding)
      .innerJoin(tenants, eq(tenants.id, tenantOnboarding.tenantId))
      .where(sql`${tenantOnboarding.goLiveAt} is not null`)
      .groupBy(sql`1`),
    executor
      .execute<{ templateId: string; key: string; reached: number }>(
        sql`select ${tenantOnboarding.templateId} as "templateId", step.key, count(*)::int as reached
            from ${tenantOnboarding} cross join lateral jsonb_each(${tenantOnboarding.checklist}) as step(key, value)
            where step.value ->> 'status' = 'completed'
            group by 1, 2`,
      )
      .then((result) => result.rows),
    // The templates in use, in the order their first tenant signed up.
    executor
      .select({ templateId: tenantOnboarding.templateId, firstSignUp: min(tenants.createdAt) })
      .from(tenantOnboarding)
      .innerJoin(tenants, eq(tenants.id, tenantOnboarding.tenantId))
      .groupBy(tenantOnboarding.templateId)
      .orderBy(asc(min(tenants.createdAt)), asc(tenantOnboarding.templateId)),
  ]);

  const templateIds = templateRows.map((row) => row.templateId);
  const templates =
    templateIds.length === 0
      ? []
      : await executor
          .select({ id: onboardingTemplates.id, sections: onboardingTemplates.sections })
          .from(onboardingTemplates)
          .where(inArray(onboardingTemplates.id, templateIds));
  const sectionsById = new Map(templates.map((template) => [template.id, template.sections]));
  const reached = new Map(reachedRows.map((row) => [`${row.templateId} ${row.key}`, row.reached]));
  // A step counts only where it belongs to the checklist's own template.
  const funnel = new Map<string, { key: string; title: string; reached: number }>();
  for (const templateId of templateIds) {
    for (const step of (sectionsById.get(templateId) ?? []).flatMap((section) => section.steps)) {
      const entry = funnel.get(step.key) ?? { key: step.key, title: step.title, reached: 0 };
      entry.reached += reached.get(`${templateId} ${step.key}`) ?? 0;
      funnel.set(step.key, entry);
    }
  }

  const timeToLive = TTL_BUCKETS.map((bucket) => ({ label: bucket.label, count: 0 }));
  for (const row of ttlRows) {
    const bucket = timeToLive[TTL_BUCKETS.findIndex((candidate) => row.days <= candidate.max)];
    if (bucket) bucket.count += row.count;
  }
  const totals = totalsRows[0] ?? { notStarted: 0, inProgress: 0, completed: 0, stalled: 0, started: 0 };
  return { funnel: [...funnel.values()], timeToLive, totals };
}
