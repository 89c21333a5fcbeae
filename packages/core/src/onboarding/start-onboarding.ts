import { db, type Executor, isUniqueViolation } from "@pp/db";
import { TRADES, tenantOnboarding, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { getCurrentTemplate } from "./ensure-onboarding-templates";
import { getOnboarding, type OnboardingView } from "./get-onboarding";

export const ZStartOnboarding = z.object({
  /** The trade template to start from; the tenant's own trade when omitted. */
  trade: z.enum(TRADES, "must be plumbing, electrical or hvac").optional(),
});

export type StartOnboardingOptions = z.input<typeof ZStartOnboarding> & {
  tenantId: string;
  /** Staff, or the tenant's own owner (the route checks the role) starting from their own trade. */
  actor: StaffActor | MemberActor;
  context?: AuditContext;
  now?: Date;
};

/**
 * Starts a tenant's onboarding from its trade's current template (staff may pick another trade's); 409
 * if it already started. Steps open pre-filled with what the tenant already set.
 */
export async function startOnboarding(
  options: StartOnboardingOptions,
  executor: Executor = db,
): Promise<OnboardingView> {
  const { tenantId, actor } = options;
  const input = parseInput(ZStartOnboarding, { trade: options.trade });
  if (!isUuid(tenantId)) throw new AppError("not_found", "Tenant not found");
  if (actor.kind === "member" && actor.tenantId !== tenantId) throw new AppError("not_found", "Tenant not found");
  const now = options.now ?? new Date();
  try {
    await executor.transaction(async (tx) => {
      const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for("update");
      if (!tenant) throw new AppError("not_found", "Tenant not found");
      const trade = actor.kind === "member" ? tenant.trade : (input.trade ?? tenant.trade);
      const template = await getCurrentTemplate(trade, tx);
      const [row] = await tx
        .insert(tenantOnboarding)
        .values({
          tenantId,
          templateId: template.id,
          status: "in_progress",
          checklist: {},
          readinessScore: 0,
          startedAt: now,
          lastProgressAt: now,
        })
        .returning({ id: tenantOnboarding.id });
      if (!row) throw new Error("tenant_onboarding insert returned no row");
      await tx.update(tenants).set({ onboardingStatus: "in_progress" }).where(eq(tenants.id, tenantId));
      await recordAuditEvent(
        {
          actor,
          action: "onboarding.started",
          tenantId,
          target: { type: "tenant_onboarding", id: row.id },
          after: { trade, templateVersion: template.version },
          context: options.context,
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error, "tenant_onboarding_tenant_key")) {
      throw new AppError("conflict", "Onboarding has already started for this tenant — reload to see it");
    }
    throw error;
  }
  return getOnboarding({ tenantId }, executor);
}
