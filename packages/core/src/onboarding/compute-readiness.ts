import type { OnboardingSectionTemplate, OnboardingStepState } from "@pp/db/schema";

/** Readiness = weighted share of required steps completed, 0–100 (runbook §4.4). */
export function computeReadiness(
  sections: readonly OnboardingSectionTemplate[],
  checklist: Readonly<Record<string, OnboardingStepState>>,
): number {
  let total = 0;
  let done = 0;
  for (const step of sections.flatMap((section) => section.steps)) {
    if (!step.required) continue;
    total += step.weight;
    if (checklist[step.key]?.status === "completed") done += step.weight;
  }
  return total === 0 ? 100 : Math.round((done / total) * 100);
}

/** Required steps not yet completed, in checklist order. */
export function openRequiredSteps(
  sections: readonly OnboardingSectionTemplate[],
  checklist: Readonly<Record<string, OnboardingStepState>>,
): { key: string; title: string }[] {
  return sections
    .flatMap((section) => section.steps)
    .filter((step) => step.required && checklist[step.key]?.status !== "completed")
    .map(({ key, title }) => ({ key, title }));
}

export type TimeToLive = { totalHours: number; days: number; hours: number };

/** Go-live minus sign-up, as whole days plus remaining hours. */
export function computeTimeToLive(tenantCreatedAt: Date, goLiveAt: Date | null): TimeToLive | null {
  if (!goLiveAt) return null;
  const totalHours = Math.max(0, Math.floor((goLiveAt.getTime() - tenantCreatedAt.getTime()) / 3_600_000));
  return { totalHours, days: Math.floor(totalHours / 24), hours: totalHours % 24 };
}
