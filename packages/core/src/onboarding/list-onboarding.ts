import { db, type Executor } from "@pp/db";
import { onboardingTemplates, tenantOnboarding, tenants } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";
import { computeTimeToLive } from "./compute-readiness";
import type { Trade } from "./templates";

export const STALLED_AFTER_DAYS = 7;
const DAY = 86_400_000;

export type OnboardingListItem = {
  tenantId: string;
  name: string;
  slug: string;
  trade: Trade;
  tenantStatus: string;
  /** The checklist's status; "not_started" while the tenant has no checklist. */
  status: "not_started" | "in_progress" | "completed";
  started: boolean;
  readinessScore: number;
  stepsCompleted: number;
  stepsTotal: number;
  signedUpAt: Date;
  daysSinceSignUp: number;
  lastProgressAt: Date | null;
  stalled: boolean;
  goLiveAt: Date | null;
  timeToLiveDays: number | null;
};

export type OnboardingOverview = {
  tenants: OnboardingListItem[];
  /** How many started onboardings completed each step, in checklist order (first template's order). */
  funnel: { key: string; title: string; reached: number }[];
  /** Completed onboardings by days from sign-up to go-live. */
  timeToLive: { label: string; count: number }[];
  totals: { notStarted: number; inProgress: number; completed: number; stalled: number };
};

const TTL_BUCKETS = [
  { label: "≤ 7 days", max: 7 },
  { label: "8–14 days", max: 14 },
  { label: "15–30 days", max: 30 },
  { label: "31–60 days", max: 60 },
  { label: "> 60 days", max: Number.POSITIVE_INFINITY },
];

/**
 * Every tenant with its onboarding progress, the step funnel and the time-to-live distribution — all
 * from the same tenant_onboarding rows, so the totals, the funnel and the rows always agree.
 */
export async function listOnboarding(
  options: { now?: Date } = {},
  executor: Executor = db,
): Promise<OnboardingOverview> {
  const now = options.now ?? new Date();
  const rows = await executor
    .select({
      tenant: {
        id: tenants.id,
        name: tenants.name,
        slug: tenants.slug,
        trade: tenants.trade,
        status: tenants.status,
        createdAt: tenants.createdAt,
      },
      onboarding: tenantOnboarding,
      sections: onboardingTemplates.sections,
    })
    .from(tenants)
    .leftJoin(tenantOnboarding, eq(tenantOnboarding.tenantId, tenants.id))
    .leftJoin(onboardingTemplates, eq(onboardingTemplates.id, tenantOnboarding.templateId))
    .orderBy(asc(tenants.createdAt), asc(tenants.id));

  const funnel = new Map<string, { key: string; title: string; reached: number }>();
  const timeToLive = TTL_BUCKETS.map((bucket) => ({ label: bucket.label, count: 0 }));
  const totals = { notStarted: 0, inProgress: 0, completed: 0, stalled: 0 };

  const items = rows.map(({ tenant, onboarding, sections }): OnboardingListItem => {
    const steps = (sections ?? []).flatMap((section) => section.steps);
    const checklist = onboarding?.checklist ?? {};
    for (const step of steps) {
      const entry = funnel.get(step.key) ?? { key: step.key, title: step.title, reached: 0 };
      if (checklist[step.key]?.status === "completed") entry.reached += 1;
      funnel.set(step.key, entry);
    }
    // One truth: the checklist row. No row → not started, whatever else claims otherwise.
    const status = onboarding?.status ?? "not_started";
    const lastProgressAt = onboarding?.lastProgressAt ?? null;
    const stalled =
      status === "in_progress" &&
      now.getTime() - (lastProgressAt ?? tenant.createdAt).getTime() > STALLED_AFTER_DAYS * DAY;
    const ttl = computeTimeToLive(tenant.createdAt, onboarding?.goLiveAt ?? null);
    if (ttl) {
      const index = TTL_BUCKETS.findIndex((bucket) => ttl.days <= bucket.max);
      const bucket = timeToLive[index];
      if (bucket) bucket.count += 1;
    }
    if (status === "completed") totals.completed += 1;
    else if (status === "in_progress") totals.inProgress += 1;
    else totals.notStarted += 1;
    if (stalled) totals.stalled += 1;
    return {
      tenantId: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      trade: tenant.trade,
      tenantStatus: tenant.status,
      status,
      started: onboarding !== null,
      readinessScore: onboarding?.readinessScore ?? 0,
      stepsCompleted: steps.filter((step) => checklist[step.key]?.status === "completed").length,
      stepsTotal: steps.length,
      signedUpAt: tenant.createdAt,
      daysSinceSignUp: Math.floor((now.getTime() - tenant.createdAt.getTime()) / DAY),
      lastProgressAt,
      stalled,
      goLiveAt: onboarding?.goLiveAt ?? null,
      timeToLiveDays: ttl ? ttl.days : null,
    };
  });
  return { tenants: items, funnel: [...funnel.values()], timeToLive, totals };
}
