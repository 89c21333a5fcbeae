import { db, type Executor, isUniqueViolation } from "@pp/db";
import { plans } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { type PlanView, toPlanView } from "./list-plans";
import { ZPlanCode, ZPlanTerms } from "./pricing-rules";

export const ZCreatePlan = ZPlanTerms.extend({
  code: ZPlanCode,
  currency: ZPlanTerms.shape.currency.default("USD"),
  features: ZPlanTerms.shape.features.default([]),
});
export type TCreatePlan = z.input<typeof ZCreatePlan>;

export type CreatePlanOptions = TCreatePlan & { actor: StaffActor; now?: Date; context?: AuditContext };

export function planCodeTaken(code: string): AppError {
  return new AppError(
    "conflict",
    `A plan with the code "${code}" already exists — codes are unique, archived ones too`,
    {
      details: [{ path: "code", message: `"${code}" is already used by another plan` }],
    },
  );
}

/** Creates a plan new subscriptions can choose; the code is its permanent, unique identifier. */
export async function createPlan(options: CreatePlanOptions, executor: Executor = db): Promise<PlanView> {
  const { actor, context } = options;
  const input = parseInput(ZCreatePlan, {
    code: options.code,
    name: options.name,
    priceCents: options.priceCents,
    currency: options.currency,
    interval: options.interval,
    includedLeads: options.includedLeads,
    pricePerLeadCents: options.pricePerLeadCents,
    apiRateLimitPerMinute: options.apiRateLimitPerMinute,
    features: options.features,
  });
  const now = options.now ?? new Date();
  try {
    return await executor.transaction(async (tx) => {
      const [existing] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.code, input.code));
      if (existing) throw planCodeTaken(input.code);
      const [plan] = await tx
        .insert(plans)
        .values({ ...input, createdAt: now, updatedAt: now })
        .returning();
      if (!plan) throw new Error("plan insert returned no row");
      await recordAuditEvent(
        { actor, action: "pricing.plan_created", target: { type: "plan", id: plan.id }, after: plan, context },
        tx,
      );
      return toPlanView(plan, 0);
    });
  } catch (error) {
    // Two staff creating the same code at once: the unique index settles it.
    if (isUniqueViolation(error, "plans_code_key")) throw planCodeTaken(input.code);
    throw error;
  }
}
