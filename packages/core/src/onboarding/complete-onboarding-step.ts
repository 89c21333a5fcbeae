import type { OnboardingStepState } from "@pp/db/schema";
import { recordAuditEvent } from "../audit/record-audit-event";
import { AppError, fieldIssues } from "../errors";
import { isMemberEmail } from "../team/team-rules";
import { recordFeatureUse } from "../usage/record-feature-use";
import { applyStepEffects } from "./apply-step-effects";
import { findStepChanges } from "./find-step-changes";
import type { StepContext } from "./step-context";
import { stepSchema, type TTeamInvitations } from "./step-schemas";
import { stepValidationError } from "./step-validation-error";
import { SECRET_FIELDS } from "./templates";

export type CompleteStepInput = {
  values: Record<string, unknown>;
  /** The person saw what the step would change (or whom it would email) and agreed. */
  confirm?: boolean;
};

/**
 * Completes one step: validates its values, asks first (a 409 listing them) when it would replace
 * values the tenant already set or send invitations, does the step's real work, and records the
 * completion (audit + `OnboardingStepCompleted` feature use) — all in the checklist's transaction.
 */
export async function completeOnboardingStep(ctx: StepContext, input: CompleteStepInput): Promise<OnboardingStepState> {
  const { step, actor } = ctx;
  const schema = stepSchema(ctx.trade, step.key);
  const parsed = schema ? schema.safeParse(input.values) : { success: true as const, data: input.values };
  if (!parsed.success) throw stepValidationError(step, fieldIssues(parsed.error), input.values);
  const values = parsed.data as Record<string, unknown>;

  if (!input.confirm) {
    const changes = findStepChanges({ fields: step.fields, saved: ctx.saved[step.key], next: values });
    if (changes.length > 0) {
      const list = changes.map((change) => `${change.label} (${change.from} → ${change.to})`).join("; ");
      throw new AppError(
        "conflict",
        `Completing “${step.title}” would change what the tenant already set: ${list}. Confirm to apply these changes.`,
        { details: { reason: "confirm_changes", step: step.key, changes } },
      );
    }
    if (step.key === "team_invitations") await confirmInvitationsFirst(ctx, values as TTeamInvitations);
  }

  const effect = await applyStepEffects({
    tx: ctx.tx,
    tenantId: ctx.tenantId,
    actor,
    stepKey: step.key,
    values,
    now: ctx.now,
    context: ctx.context,
  });
  const secrets = SECRET_FIELDS[step.key] ?? [];
  const stored = Object.fromEntries(Object.entries(input.values).filter(([key]) => !secrets.includes(key)));
  await recordAuditEvent(
    {
      actor,
      action: "onboarding.step_completed",
      tenantId: ctx.tenantId,
      target: { type: "tenant_onboarding", id: ctx.onboardingId },
      before: ctx.previous ? { status: ctx.previous.status } : undefined,
      after: { step: step.key, status: "completed", values: stored, effect },
      metadata: { step: step.key, version: ctx.version },
      context: ctx.context,
    },
    ctx.tx,
  );
  await recordFeatureUse(
    {
      tenantId: ctx.tenantId,
      userId: actor.userId,
      app: actor.kind === "staff" ? "portal" : "tenant",
      featureKey: "OnboardingStepCompleted",
      metadata: { step: step.key },
      at: ctx.now,
    },
    ctx.tx,
  );
  const at = ctx.now.toISOString();
  return {
    status: "completed",
    values: stored,
    completedBy: actor.name || actor.email,
    completedAt: at,
    updatedAt: at,
  };
}

/** "Invite the team" says whom it will email before it sends: a 409 listing them until confirmed. */
async function confirmInvitationsFirst(ctx: StepContext, { members }: TTeamInvitations): Promise<void> {
  const invitations: { name?: string; email: string; role: string }[] = [];
  const alreadyMembers: string[] = [];
  for (const member of members) {
    if (await isMemberEmail(ctx.tx, ctx.tenantId, member.email)) alreadyMembers.push(member.email);
    else invitations.push(member);
  }
  if (invitations.length === 0) return;
  const whom = invitations
    .map((member) => `${member.name ? `${member.name} <${member.email}>` : member.email} as ${member.role}`)
    .join(", ");
  const people = invitations.length === 1 ? "1 person" : `${invitations.length} people`;
  throw new AppError(
    "conflict",
    `“${ctx.step.title}” will email an invitation to ${people}: ${whom}.${
      alreadyMembers.length > 0 ? ` Already on the team (no email): ${alreadyMembers.join(", ")}.` : ""
    } Confirm to send.`,
    { details: { reason: "confirm_invitations", step: ctx.step.key, invitations, alreadyMembers } },
  );
}
