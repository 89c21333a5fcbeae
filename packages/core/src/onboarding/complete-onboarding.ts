import type { Executor } from "@pp/db";
import type { OnboardingSectionTemplate, OnboardingStepState } from "@pp/db/schema";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { computeTimeToLive, openRequiredSteps } from "./compute-readiness";

export type CompleteOnboardingOptions = {
  tx: Executor;
  tenantId: string;
  onboardingId: string;
  version: number;
  actor: StaffActor | MemberActor;
  sections: readonly OnboardingSectionTemplate[];
  checklist: Readonly<Record<string, OnboardingStepState>>;
  previousStatus: string;
  readinessScore: number;
  tenantCreatedAt: Date;
  now: Date;
  context?: AuditContext;
};

/** Go-live: refused (422 naming them) while a required step is open; records the time-to-live. */
export async function completeOnboarding(options: CompleteOnboardingOptions): Promise<{ goLiveAt: Date }> {
  const open = openRequiredSteps(options.sections, options.checklist);
  if (open.length > 0) {
    throw new AppError(
      "unprocessable",
      `Onboarding cannot be completed yet — open required steps: ${open.map((step) => step.title).join(", ")}`,
      { details: open.map((step) => ({ path: `steps.${step.key}`, message: "required step not completed" })) },
    );
  }
  const goLiveAt = options.now;
  await recordAuditEvent(
    {
      actor: options.actor,
      action: "onboarding.completed",
      tenantId: options.tenantId,
      target: { type: "tenant_onboarding", id: options.onboardingId },
      before: { status: options.previousStatus },
      after: {
        status: "completed",
        readinessScore: options.readinessScore,
        goLiveAt,
        timeToLive: computeTimeToLive(options.tenantCreatedAt, goLiveAt),
      },
      metadata: { version: options.version },
      context: options.context,
    },
    options.tx,
  );
  return { goLiveAt };
}
