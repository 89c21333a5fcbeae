import type { HealthBand } from "../health/health-components";

export const LIFECYCLE_STAGES = ["onboarding", "adopting", "established", "at_risk", "churned"] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_LABELS: Record<LifecycleStage, string> = {
  onboarding: "Onboarding",
  adopting: "Adopting",
  established: "Established",
  at_risk: "At risk",
  churned: "Churned",
};

/** A client stays "adopting" for this many days after going live. */
export const ADOPTING_DAYS = 90;

export type LifecycleInput = {
  tenantStatus: string;
  onboardingStatus: string;
  /** When onboarding completed (go-live); null before. */
  liveSince: Date | null;
  healthBand: HealthBand | null;
  healthScore: number | null;
  hasCurrentSubscription: boolean;
  now: Date;
};

/** The lifecycle stage and the rule that put the client there, first match wins. */
export function lifecycleStage(input: LifecycleInput): { stage: LifecycleStage; rule: string } {
  if (input.tenantStatus === "churned") return { stage: "churned", rule: "The client's status is churned" };
  if (input.tenantStatus === "past_due" || input.tenantStatus === "suspended") {
    return { stage: "at_risk", rule: `The client is ${input.tenantStatus.replace("_", " ")}` };
  }
  if (input.healthBand === "at_risk") {
    return { stage: "at_risk", rule: `Health score ${input.healthScore} is in the at-risk band (below 40)` };
  }
  if (input.onboardingStatus !== "completed" || !input.liveSince) {
    return { stage: "onboarding", rule: "Onboarding is not completed yet" };
  }
  const days = Math.floor((input.now.getTime() - input.liveSince.getTime()) / 86_400_000);
  if (days < ADOPTING_DAYS) return { stage: "adopting", rule: `Live for ${days} days (under ${ADOPTING_DAYS})` };
  if (!input.hasCurrentSubscription) return { stage: "at_risk", rule: "Live, but without a current subscription" };
  return {
    stage: "established",
    rule: `Live for ${days} days with a current subscription and a health score of ${input.healthScore ?? "—"}`,
  };
}
