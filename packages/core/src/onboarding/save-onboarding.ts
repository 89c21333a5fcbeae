import { db, type Executor } from "@pp/db";
import { type OnboardingStepState, onboardingTemplates, tenantOnboarding, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { zWholeNumber } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { completeOnboarding } from "./complete-onboarding";
import { completeOnboardingStep } from "./complete-onboarding-step";
import { computeReadiness } from "./compute-readiness";
import { currentStepFields } from "./current-step-fields";
import { getOnboarding, type OnboardingView } from "./get-onboarding";
import { loadSavedStepValues } from "./load-saved-step-values";
import { saveStepDraft } from "./save-step-draft";
import { staleVersionConflict } from "./stale-version-conflict";
import { OWNER_STEP_KEYS, type Trade } from "./templates";

/** More fields than any step has: the step's own schema decides the rest. */
const MAX_FIELDS = 40;

export const ZSaveOnboarding = z.object({
  version: zWholeNumber("must be the checklist version you loaded").min(1),
  steps: z
    .record(
      z.string().regex(/^[a-z0-9_]{1,64}$/, "must be a step key"),
      z.object({
        values: z
          .record(z.string().max(64, "is not a field of this step"), z.unknown())
          .refine((values) => Object.keys(values).length <= MAX_FIELDS, `has more than ${MAX_FIELDS} fields`)
          .default({}),
        action: z.enum(["save_draft", "complete"], "must be save_draft or complete"),
        /** Apply changes to values the tenant already set / send the listed invitations. */
        confirm: z.boolean().optional(),
      }),
    )
    .refine((steps) => Object.keys(steps).length <= 20, "names more steps than a checklist has")
    .default({}),
  completeOnboarding: z.boolean().optional(),
});
export type TSaveOnboarding = z.input<typeof ZSaveOnboarding>;

export type SaveOnboardingOptions = TSaveOnboarding & {
  tenantId: string;
  actor: StaffActor | MemberActor;
  context?: AuditContext;
  now?: Date;
};

/**
 * Saves drafts, completes steps and completes onboarding in one transaction. A save must name the
 * version it read: a stale one is refused with a 409 that says which steps changed since, by whom and
 * when — never a silent overwrite; nor does a step silently replace what the tenant already set.
 */
export async function saveOnboarding(options: SaveOnboardingOptions, executor: Executor = db): Promise<OnboardingView> {
  const { tenantId, actor } = options;
  const input = parseInput(ZSaveOnboarding, {
    version: options.version,
    steps: options.steps,
    completeOnboarding: options.completeOnboarding,
  });
  if (!isUuid(tenantId)) throw new AppError("not_found", "Tenant not found");
  if (actor.kind === "member" && actor.tenantId !== tenantId) throw new AppError("not_found", "Tenant not found");
  if (actor.kind === "member" && input.completeOnboarding) {
    throw new AppError("forbidden", "Your onboarding specialist completes onboarding once every step is done");
  }
  const now = options.now ?? new Date();

  await executor.transaction(async (tx) => {
    const [row] = await tx
      .select({ onboarding: tenantOnboarding, template: onboardingTemplates, tenantCreatedAt: tenants.createdAt })
      .from(tenantOnboarding)
      .innerJoin(onboardingTemplates, eq(onboardingTemplates.id, tenantOnboarding.templateId))
      .innerJoin(tenants, eq(tenants.id, tenantOnboarding.tenantId))
      .where(eq(tenantOnboarding.tenantId, tenantId))
      .for("update", { of: tenantOnboarding });
    if (!row) {
      throw new AppError("not_found", "Onboarding has not started for this tenant — start it from a trade template");
    }
    const { onboarding, template } = row;
    const steps = template.sections.flatMap((section) => section.steps);
    if (onboarding.version !== input.version) {
      const titles = new Map(steps.map((step) => [step.key, step.title]));
      throw await staleVersionConflict(tx, onboarding.id, input.version, onboarding.version, titles);
    }

    const trade = template.trade as Trade;
    const version = onboarding.version + 1;
    const checklist: Record<string, OnboardingStepState> = { ...onboarding.checklist };
    const saved = await loadSavedStepValues({ tenantId, lock: true }, tx);
    const stepsByKey = new Map(steps.map((step) => [step.key, step]));

    for (const [stepKey, change] of Object.entries(input.steps)) {
      const step = stepsByKey.get(stepKey);
      if (!step) {
        throw new AppError("validation_failed", `steps.${stepKey}: not a step of this checklist`, {
          details: [{ path: `steps.${stepKey}`, message: "not a step of this checklist" }],
        });
      }
      if (actor.kind === "member" && !OWNER_STEP_KEYS.has(stepKey)) {
        throw new AppError("forbidden", `“${step.title}” is completed by your onboarding specialist`);
      }
      const ctx = {
        tx,
        tenantId,
        onboardingId: onboarding.id,
        version,
        actor,
        trade,
        step: { key: step.key, title: step.title, fields: currentStepFields(trade, step.key, step.fields) },
        previous: checklist[stepKey],
        saved,
        now,
        context: options.context,
      };
      checklist[stepKey] =
        change.action === "save_draft"
          ? await saveStepDraft(ctx, change.values)
          : await completeOnboardingStep(ctx, { values: change.values, confirm: change.confirm });
    }

    const readinessScore = computeReadiness(template.sections, checklist);
    let status = onboarding.status === "not_started" ? "in_progress" : onboarding.status;
    let { completedAt, goLiveAt } = onboarding;
    if (input.completeOnboarding && onboarding.status !== "completed") {
      ({ goLiveAt } = await completeOnboarding({
        tx,
        tenantId,
        onboardingId: onboarding.id,
        version,
        actor,
        sections: template.sections,
        checklist,
        previousStatus: onboarding.status,
        readinessScore,
        tenantCreatedAt: row.tenantCreatedAt,
        now,
        context: options.context,
      }));
      status = "completed";
      completedAt = goLiveAt;
    }

    await tx
      .update(tenantOnboarding)
      .set({
        checklist,
        status,
        readinessScore,
        completedAt,
        goLiveAt,
        version,
        ...(Object.keys(input.steps).length > 0 ? { lastProgressAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(tenantOnboarding.id, onboarding.id));
    if (status !== onboarding.status) {
      await tx.update(tenants).set({ onboardingStatus: status }).where(eq(tenants.id, tenantId));
    }
  });
  return getOnboarding({ tenantId }, executor);
}
