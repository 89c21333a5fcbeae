import { db, type Executor } from "@pp/db";
import { npsResponses, tenantOnboarding, tenants, users } from "@pp/db/schema";
import { desc, eq } from "drizzle-orm";
import { getTenantHealth, type TenantHealth } from "../health/get-tenant-health";
import { getNpsSummary, type NpsFigure } from "../nps/get-nps-summary";
import { getTenantOrThrow } from "./get-tenant-or-throw";
import { type LifecycleStage, lifecycleStage } from "./lifecycle-stage";

export type ClientSuccess = {
  health: TenantHealth;
  nps: { latest: { score: number; respondedAt: Date; by: string | null } | null; trailing: NpsFigure };
  lifecycle: { stage: LifecycleStage; rule: string };
};

/** Client 360's success facts: health (number, band, trend), NPS and the lifecycle stage with its rule. */
export async function getClientSuccess(
  {
    tenantId,
    hasCurrentSubscription,
    now = new Date(),
  }: { tenantId: string; hasCurrentSubscription: boolean; now?: Date },
  executor: Executor = db,
): Promise<ClientSuccess> {
  const tenant = await getTenantOrThrow({ tenantId }, executor);
  const [health, trailing, latest, state] = await Promise.all([
    getTenantHealth({ tenantId: tenant.id, now }, executor),
    getNpsSummary({ tenantId: tenant.id, now }, executor),
    executor
      .select({ score: npsResponses.score, respondedAt: npsResponses.respondedAt, by: users.name })
      .from(npsResponses)
      .leftJoin(users, eq(users.id, npsResponses.userId))
      .where(eq(npsResponses.tenantId, tenant.id))
      .orderBy(desc(npsResponses.respondedAt), desc(npsResponses.id))
      .limit(1),
    executor
      .select({
        status: tenants.status,
        onboardingStatus: tenants.onboardingStatus,
        goLiveAt: tenantOnboarding.goLiveAt,
        completedAt: tenantOnboarding.completedAt,
      })
      .from(tenants)
      .leftJoin(tenantOnboarding, eq(tenantOnboarding.tenantId, tenants.id))
      .where(eq(tenants.id, tenant.id)),
  ]);
  const row = state[0];
  return {
    health,
    nps: { latest: latest[0] ?? null, trailing: trailing.platform },
    lifecycle: lifecycleStage({
      tenantStatus: row?.status ?? "active",
      onboardingStatus: row?.onboardingStatus ?? "not_started",
      liveSince: row?.goLiveAt ?? row?.completedAt ?? null,
      healthBand: health.band,
      healthScore: health.score,
      hasCurrentSubscription,
      now,
    }),
  };
}
