import { db, type Executor } from "@pp/db";
import { plans } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { type PlanView, toPlanView } from "./list-plans";
import { liveSubscriptionsByPlan, lockPlan } from "./pricing-rules";

export type ArchivePlanOptions = { planId: string; actor: StaffActor; now?: Date; context?: AuditContext };

/**
 * Archives a plan: new subscriptions can no longer choose it; subscriptions already on it keep
 * running and billing on its terms, and it stays listed (marked archived).
 */
export async function archivePlan(options: ArchivePlanOptions, executor: Executor = db): Promise<PlanView> {
  const { planId, actor, context } = options;
  const now = options.now ?? new Date();
  if (!isUuid(planId)) throw new AppError("not_found", "Plan not found");
  return executor.transaction(async (tx) => {
    const before = await lockPlan(tx, planId);
    if (!before) throw new AppError("not_found", "Plan not found");
    if (before.archivedAt) {
      throw new AppError("conflict", `Plan ${before.name} was already archived on ${formatUtcDate(before.archivedAt)}`);
    }
    const [after] = await tx
      .update(plans)
      .set({ archivedAt: now, updatedAt: now })
      .where(eq(plans.id, planId))
      .returning();
    if (!after) throw new AppError("not_found", "Plan not found");
    const live = (await liveSubscriptionsByPlan(tx, [planId])).get(planId) ?? 0;
    await recordAuditEvent(
      {
        actor,
        action: "pricing.plan_archived",
        target: { type: "plan", id: planId },
        before: { archivedAt: null },
        after: { archivedAt: now },
        metadata: { code: after.code, activeSubscriptions: live },
        context,
      },
      tx,
    );
    return toPlanView(after, live);
  });
}
