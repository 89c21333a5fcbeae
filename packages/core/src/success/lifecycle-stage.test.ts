import { describe, expect, it } from "vitest";
import { lifecycleStage } from "./lifecycle-stage";

const NOW = new Date("2025-06-15T00:00:00Z");
const base = {
  tenantStatus: "active",
  onboardingStatus: "completed",
  liveSince: new Date("2025-01-01T00:00:00Z"),
  healthBand: "healthy" as const,
  healthScore: 82,
  hasCurrentSubscription: true,
  now: NOW,
};

describe("lifecycleStage", () => {
  it("names the stage and the rule that chose it, first match wins", () => {
    expect(lifecycleStage({ ...base, tenantStatus: "churned" })).toEqual({
      stage: "churned",
      rule: "The client's status is churned",
    });
    expect(lifecycleStage({ ...base, tenantStatus: "past_due" })).toEqual({
      stage: "at_risk",
      rule: "The client is past due",
    });
    expect(lifecycleStage({ ...base, healthBand: "at_risk", healthScore: 31 })).toEqual({
      stage: "at_risk",
      rule: "Health score 31 is in the at-risk band (below 40)",
    });
    expect(lifecycleStage({ ...base, onboardingStatus: "in_progress", liveSince: null })).toEqual({
      stage: "onboarding",
      rule: "Onboarding is not completed yet",
    });
    expect(lifecycleStage({ ...base, liveSince: new Date("2025-05-16T00:00:00Z") })).toEqual({
      stage: "adopting",
      rule: "Live for 30 days (under 90)",
    });
    expect(lifecycleStage(base)).toEqual({
      stage: "established",
      rule: "Live for 165 days with a current subscription and a health score of 82",
    });
    expect(lifecycleStage({ ...base, hasCurrentSubscription: false }).stage).toBe("at_risk");
  });
});
