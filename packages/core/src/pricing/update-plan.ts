import { db, type Executor } from "@pp/db";
import { plans } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { type PlanView, toPlanView } from "./list-plans";
import { liveSubscriptionsByPlan, lockPlan, onlyKeys, ZPlanTerms } from "./pricing-rules";

export const ZUpdatePlan = z.strictObject(ZPlanTerms.partial().shape, {
  error: onlyKeys("the plan code cannot change — create a new plan instead"),
});
export type TUpdatePlan = z.input<typeof ZUpdatePlan>;

export type UpdatePlanOptions = TUpdatePlan & { planId: string; actor: StaffActor; now?: Date; context?: AuditContext };

/** What a subscription is billed by (issueInvoice reads the plan's price live, mrr_cents was set from it). */
const BILLING_TERMS = ["priceCents", "currency", "interval", "includedLeads", "pricePerLeadCents"] as const;

/**
 * Edits a plan. Its billing terms (price, interval, currency, included leads, price per lead) change
 * only while no subscription is live on it: invoices read the plan's price when they are issued, so
 * a new price would silently re-price every subscriber. To re-price, create a new plan and archive
 * this one — existing subscribers keep their terms, new subscriptions get the new plan. Name,
 * features and the API rate limit can always change.
 */
export async function updatePlan(options: UpdatePlanOptions, executor: Executor = db): Promise<PlanView> {
  const { planId, actor, context } = options;
  const { planId: _id, actor: _actor, now: _now, context: _context, ...fields } = options;
  const changes = parseInput(ZUpdatePlan, fields);
  const now = options.now ?? new Date();
  if (!isUuid(planId)) throw new AppError("not_found", "Plan not found");
  return executor.transaction(async (tx) => {
    const before = await lockPlan(tx, planId);
    if (!before) throw new AppError("not_found", "Plan not found");
    if (before.archivedAt) {
      throw new AppError(
        "conflict",
        `Plan ${before.name} was archived on ${formatUtcDate(before.archivedAt)} and cannot be edited`,
      );
    }
    const live = (await liveSubscriptionsByPlan(tx, [planId])).get(planId) ?? 0;
    const changedTerms = BILLING_TERMS.filter(
      (key) => changes[key] !== undefined && !sameValue(changes[key], before[key]),
    );
    if (live > 0 && changedTerms.length > 0) {
      throw new AppError(
        "conflict",
        `${before.name} has ${live} active subscription${live === 1 ? "" : "s"}: its ${changedTerms.join(", ")} cannot change under them. Create a new plan with the new terms and archive this one.`,
        { details: changedTerms.map((path) => ({ path, message: "is locked while subscriptions are active" })) },
      );
    }
    const [after] = await tx
      .update(plans)
      .set({ ...changes, updatedAt: now })
      .where(eq(plans.id, planId))
      .returning();
    if (!after) throw new AppError("not_found", "Plan not found");
    await recordAuditEvent(
      { actor, action: "pricing.plan_updated", target: { type: "plan", id: planId }, before, after, context },
      tx,
    );
    return toPlanView(after, live);
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
