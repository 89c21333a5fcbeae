import { db, type Executor } from "@pp/db";
import { onboardingTemplates, tenantOnboarding, tenants } from "@pp/db/schema";
import { and, asc, eq, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { computeTimeToLive } from "./compute-readiness";
import { stalledCondition } from "./summarize-onboarding";
import type { Trade } from "./templates";

const DAY = 86_400_000;

export const ONBOARDING_LIST_STATUSES = ["in_progress", "stalled", "not_started", "completed"] as const;

/** `/provider/tenant-onboarding`'s list filters (without a status: every tenant still onboarding). */
export const ZOnboardingListQuery = ZPageQuery.extend({
  status: z.enum(ONBOARDING_LIST_STATUSES).optional(),
  trade: z.enum(["plumbing", "electrical", "hvac"]).optional(),
});
export type TOnboardingListQuery = z.output<typeof ZOnboardingListQuery>;

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

// The sign-up instant as PostgreSQL's text (microseconds kept), then the id.
const ZPosition = z.object({ at: z.string().refine((text) => !Number.isNaN(Date.parse(text))), id: z.uuid() });

function statusCondition(status: TOnboardingListQuery["status"], now: Date): SQL | undefined {
  const checklistStatus = sql`coalesce(${tenantOnboarding.status}, 'not_started')`;
  switch (status) {
    case undefined:
      return ne(checklistStatus, "completed");
    case "stalled":
      return stalledCondition(now);
    default:
      return eq(checklistStatus, status);
  }
}

/**
 * One page of tenants with their onboarding progress, oldest sign-up first (then id), filtered in
 * the database: without a status, every tenant not yet completed. A tenant without a checklist is
 * not started, whatever its own column says.
 */
export async function listOnboardingTenants(
  query: TOnboardingListQuery & { now?: Date },
  executor: Executor = db,
): Promise<Page<OnboardingListItem>> {
  const now = query.now ?? new Date();
  const after = query.cursor ? decodeCursor(query.cursor, ZPosition) : null;
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
      signedUpAtText: sql<string>`${tenants.createdAt}::text`,
      onboarding: {
        id: tenantOnboarding.id,
        templateId: tenantOnboarding.templateId,
        status: tenantOnboarding.status,
        checklist: tenantOnboarding.checklist,
        readinessScore: tenantOnboarding.readinessScore,
        lastProgressAt: tenantOnboarding.lastProgressAt,
        goLiveAt: tenantOnboarding.goLiveAt,
      },
      stalled: sql<boolean>`coalesce(${stalledCondition(now)}, false)`,
    })
    .from(tenants)
    .leftJoin(tenantOnboarding, eq(tenantOnboarding.tenantId, tenants.id))
    .where(
      and(
        statusCondition(query.status, now),
        query.trade ? eq(tenants.trade, query.trade) : undefined,
        after
          ? or(
              sql`${tenants.createdAt} > ${after.at}::timestamptz`,
              and(sql`${tenants.createdAt} = ${after.at}::timestamptz`, sql`${tenants.id} > ${after.id}::uuid`),
            )
          : undefined,
      ),
    )
    .orderBy(asc(tenants.createdAt), asc(tenants.id))
    .limit(query.limit + 1);

  const shown = page(rows, query.limit, (row) => ({ at: row.signedUpAtText, id: row.tenant.id }));
  const templateIds = [
    ...new Set(shown.data.flatMap((row) => (row.onboarding?.templateId ? [row.onboarding.templateId] : []))),
  ];
  const templates =
    templateIds.length === 0
      ? []
      : await executor
          .select({ id: onboardingTemplates.id, sections: onboardingTemplates.sections })
          .from(onboardingTemplates)
          .where(inArray(onboardingTemplates.id, templateIds));
  const stepsOf = new Map(
    templates.map((template) => [template.id, template.sections.flatMap((section) => section.steps)]),
  );

  return {
    nextCursor: shown.nextCursor,
    data: shown.data.map(({ tenant, onboarding, stalled }): OnboardingListItem => {
      const steps = onboarding ? (stepsOf.get(onboarding.templateId) ?? []) : [];
      const checklist = onboarding?.checklist ?? {};
      const ttl = computeTimeToLive(tenant.createdAt, onboarding?.goLiveAt ?? null);
      return {
        tenantId: tenant.id,
        name: tenant.name,
        slug: tenant.slug,
        trade: tenant.trade,
        tenantStatus: tenant.status,
        status: onboarding?.status ?? "not_started",
        started: onboarding !== null,
        readinessScore: onboarding?.readinessScore ?? 0,
        stepsCompleted: steps.filter((step) => checklist[step.key]?.status === "completed").length,
        stepsTotal: steps.length,
        signedUpAt: tenant.createdAt,
        daysSinceSignUp: Math.floor((now.getTime() - tenant.createdAt.getTime()) / DAY),
        lastProgressAt: onboarding?.lastProgressAt ?? null,
        stalled,
        goLiveAt: onboarding?.goLiveAt ?? null,
        timeToLiveDays: ttl ? ttl.days : null,
      };
    }),
  };
}
