import type { OnboardingStepState } from "@pp/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { fieldIssues } from "../errors";
import { draftSchema } from "./draft-schema";
import type { StepContext } from "./step-context";
import { stepValidationError } from "./step-validation-error";
import { SECRET_FIELDS } from "./templates";

/**
 * Keeps a step's unfinished values. Nothing outside the checklist changes and nothing is validated
 * but the draft's shape and size (the step's own fields, each of its kind); secrets are never kept.
 */
export async function saveStepDraft(ctx: StepContext, values: Record<string, unknown>): Promise<OnboardingStepState> {
  const unknown = Object.keys(values).filter((key) => !(key in ctx.step.fields));
  if (unknown.length > 0) {
    const issues = unknown.map((path) => ({ path, message: "is not a field of this step" }));
    throw stepValidationError(ctx.step, issues, values);
  }
  const parsed = draftSchema(ctx.step.fields).safeParse(values);
  if (!parsed.success) throw stepValidationError(ctx.step, fieldIssues(parsed.error), values);
  const secrets = SECRET_FIELDS[ctx.step.key] ?? [];
  const stored = Object.fromEntries(
    Object.entries(parsed.data).filter(([key, value]) => value !== undefined && !secrets.includes(key)),
  );
  await recordAuditEvent(
    {
      actor: ctx.actor,
      action: "onboarding.step_saved",
      tenantId: ctx.tenantId,
      target: { type: "tenant_onboarding", id: ctx.onboardingId },
      before: ctx.previous ? { status: ctx.previous.status } : undefined,
      after: { step: ctx.step.key, status: "draft", values: stored },
      metadata: { step: ctx.step.key, version: ctx.version },
      context: ctx.context,
    },
    ctx.tx,
  );
  return { status: "draft", values: stored, updatedAt: ctx.now.toISOString() };
}
