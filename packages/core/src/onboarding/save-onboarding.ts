import { db, type Executor } from "@pp/db";
import { auditEvents, type OnboardingStepState, onboardingTemplates, tenantOnboarding, tenants } from "@pp/db/schema";
import { and, asc, eq, like, sql } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError, fieldIssues } from "../errors";
import { zWholeNumber } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { applyStepEffects } from "./apply-step-effects";
import { computeReadiness, computeTimeToLive, openRequiredSteps } from "./compute-readiness";
import { getOnboarding, type OnboardingView } from "./get-onboarding";
import { stepSchema } from "./step-schemas";
import { OWNER_STEP_KEYS, SECRET_FIELDS, type Trade } from "./templates";

export const ZSaveOnboarding = z.object({
  version: zWholeNumber("must be the checklist version you loaded").min(1),
  steps: z
    .record(
      z.string().regex(/^[a-z0-9_]{1,64}$/, "must be a step key"),
      z.object({
        values: z.record(z.string(), z.unknown()).default({}),
        action: z.enum(["save_draft", "complete"], "must be save_draft or complete"),
      }),
    )
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
 * Saves drafts, completes steps (each validated, each doing its real work) and completes onboarding,
 * all in one transaction. A save must name the version it read: a stale one is refused with a 409 that
 * says which steps changed since, by whom and when — never a silent overwrite.
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
    if (onboarding.version !== input.version) {
      const titles = new Map(
        template.sections.flatMap((section) => section.steps).map((step) => [step.key, step.title]),
      );
      throw await staleVersionConflict(tx, onboarding.id, input.version, onboarding.version, titles);
    }

    const stepsByKey = new Map(template.sections.flatMap((section) => section.steps).map((step) => [step.key, step]));
    const checklist: Record<string, OnboardingStepState> = { ...onboarding.checklist };
    const trade = template.trade as Trade;
    const changed: string[] = [];

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
      const secrets = SECRET_FIELDS[stepKey] ?? [];
      const storedValues = Object.fromEntries(Object.entries(change.values).filter(([key]) => !secrets.includes(key)));
      const label = actor.kind === "staff" || actor.kind === "member" ? actor.name || actor.email : "system";
      const previous = checklist[stepKey];

      if (change.action === "save_draft") {
        checklist[stepKey] = { status: "draft", values: storedValues, updatedAt: now.toISOString() };
        await recordAuditEvent(
          {
            actor,
            action: "onboarding.step_saved",
            tenantId,
            target: { type: "tenant_onboarding", id: onboarding.id },
            before: previous ? { status: previous.status } : undefined,
            after: { step: stepKey, status: "draft", values: storedValues },
            metadata: { step: stepKey, version: onboarding.version + 1 },
            context: options.context,
          },
          tx,
        );
        await recordFeatureUse(
          {
            tenantId,
            userId: actor.userId,
            app: actor.kind === "staff" ? "portal" : "tenant",
            featureKey: "OnboardingStepCompleted",
            metadata: { step: stepKey },
            at: now,
          },
          tx,
        );
      } else {
        const schema = stepSchema(trade, stepKey);
        const parsed = schema ? schema.safeParse(change.values) : { success: true as const, data: change.values };
        if (!parsed.success) {
          const issues = fieldIssues(parsed.error).map((issue) => ({
            path: `steps.${stepKey}.values${issue.path ? `.${issue.path}` : ""}`,
            message: issue.message,
          }));
          const first = fieldIssues(parsed.error)[0];
          throw new AppError(
            "validation_failed",
            `${step.title}: ${first?.path ? `${first.path} ` : ""}${first?.message ?? "is not valid"}`,
            { details: issues },
          );
        }
        const effect = await applyStepEffects({
          tx,
          tenantId,
          actor,
          stepKey,
          values: parsed.data,
          now,
          context: options.context,
        });
        checklist[stepKey] = {
          status: "completed",
          values: storedValues,
          completedBy: label,
          completedAt: now.toISOString(),
          updatedAt: now.toISOString(),
        };
        await recordAuditEvent(
          {
            actor,
            action: "onboarding.step_completed",
            tenantId,
            target: { type: "tenant_onboarding", id: onboarding.id },
            before: previous ? { status: previous.status } : undefined,
            after: { step: stepKey, status: "completed", values: storedValues, effect },
            metadata: { step: stepKey, version: onboarding.version + 1 },
            context: options.context,
          },
          tx,
        );
      }
      changed.push(stepKey);
    }

    const readinessScore = computeReadiness(template.sections, checklist);
    let status = onboarding.status === "not_started" ? "in_progress" : onboarding.status;
    let completedAt = onboarding.completedAt;
    let goLiveAt = onboarding.goLiveAt;

    if (input.completeOnboarding && onboarding.status !== "completed") {
      const open = openRequiredSteps(template.sections, checklist);
      if (open.length > 0) {
        throw new AppError(
          "unprocessable",
          `Onboarding cannot be completed yet — open required steps: ${open.map((step) => step.title).join(", ")}`,
          { details: open.map((step) => ({ path: `steps.${step.key}`, message: "required step not completed" })) },
        );
      }
      status = "completed";
      completedAt = now;
      goLiveAt = now;
    }

    await tx
      .update(tenantOnboarding)
      .set({
        checklist,
        status,
        readinessScore,
        completedAt,
        goLiveAt,
        version: onboarding.version + 1,
        ...(changed.length > 0 ? { lastProgressAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(tenantOnboarding.id, onboarding.id));
    await tx.update(tenants).set({ onboardingStatus: status }).where(eq(tenants.id, tenantId));

    if (status === "completed" && onboarding.status !== "completed") {
      await recordAuditEvent(
        {
          actor,
          action: "onboarding.completed",
          tenantId,
          target: { type: "tenant_onboarding", id: onboarding.id },
          before: { status: onboarding.status },
          after: {
            status,
            readinessScore,
            goLiveAt,
            timeToLive: computeTimeToLive(row.tenantCreatedAt, goLiveAt),
          },
          metadata: { version: onboarding.version + 1 },
          context: options.context,
        },
        tx,
      );
    }
  });
  return getOnboarding({ tenantId }, executor);
}

/** A 409 that names what changed since `readVersion`, read from the checklist's own audit trail. */
async function staleVersionConflict(
  tx: Executor,
  onboardingId: string,
  readVersion: number,
  currentVersion: number,
  titles: ReadonlyMap<string, string>,
): Promise<AppError> {
  const events = await tx
    .select({
      action: auditEvents.action,
      by: auditEvents.actorLabel,
      at: auditEvents.at,
      step: sql<string | null>`${auditEvents.metadata}->>'step'`,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "tenant_onboarding"),
        eq(auditEvents.targetId, onboardingId),
        like(auditEvents.action, "onboarding.%"),
        sql`(${auditEvents.metadata}->>'version')::int > ${readVersion}`,
      ),
    )
    .orderBy(asc(auditEvents.at));
  const changes = events.map((event) => ({
    step: event.step,
    action:
      event.action === "onboarding.step_saved"
        ? "saved as draft"
        : event.action === "onboarding.step_completed"
          ? "completed"
          : "completed onboarding",
    by: event.by ?? "someone",
    at: event.at.toISOString(),
  }));
  const summary = changes
    .map((change) => {
      const what = change.step ? `“${titles.get(change.step) ?? change.step}”` : "onboarding";
      return `${what} ${change.action} by ${change.by} at ${change.at}`;
    })
    .join("; ");
  return new AppError(
    "conflict",
    `Someone else changed this checklist since you loaded it (version ${readVersion}, now ${currentVersion})${summary ? `: ${summary}` : ""}. Reload to see their changes.`,
    { details: { readVersion, currentVersion, changes } },
  );
}
