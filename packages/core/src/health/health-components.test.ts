import { describe, expect, it } from "vitest";
import { explainHealthChange, topReason } from "./explain-health";
import { bandOf, HEALTH_COMPONENTS, type HealthSignals, npsOf, scoreHealth } from "./health-components";

const steady: HealthSignals = {
  apiRequestsRecent: 500,
  apiRequestsPrior: 1_000,
  featuresUsedRecent: 2,
  leadsRecent: 30,
  leadsPrior: 20,
  leads90d: 60,
  disputes90d: 6,
  overdueCents: 0,
  oldestOverdueDays: 0,
  failedPayments30d: 0,
  onboarding: "completed",
  npsPromoters: 1,
  npsDetractors: 1,
  npsResponses: 4,
  openSev1: 0,
  openSev2: 0,
};

describe("health components", () => {
  it("weights sum to 100", () => {
    expect(HEALTH_COMPONENTS.reduce((sum, component) => sum + component.weight, 0)).toBe(100);
  });

  it("scores each rule and weighs them", () => {
    const { score, band, components } = scoreHealth(steady);
    expect(components.apiUsageTrend.score).toBe(50);
    expect(components.featureAdoption.score).toBe(50);
    expect(components.leadVolume).toMatchObject({
      score: 100,
      detail: "30 leads in 30 days, up 50% on the 30 days before",
    });
    // 6 / 60 = 10% → 100 − 50 = 50
    expect(components.disputeRate.score).toBe(50);
    // NPS (1 − 1) / 4 = 0 → 50
    expect(components.nps).toMatchObject({ score: 50, detail: "NPS 0 from 4 answers" });
    // (50·20 + 50·15 + 100·15 + 50·10 + 100·5 + 100·20 + 50·10 + 100·5) / 100 = 72.5
    expect(score).toBe(73);
    expect(band).toBe("healthy");
  });

  it("bands: healthy ≥ 70, watch 40–69, at risk < 40; NPS arithmetic", () => {
    expect([100, 70, 69, 40, 39, 0].map(bandOf)).toEqual([
      "healthy",
      "healthy",
      "watch",
      "watch",
      "at_risk",
      "at_risk",
    ]);
    expect(npsOf(5, 2, 10)).toBe(30);
    expect(npsOf(0, 3, 3)).toBe(-100);
    expect(npsOf(0, 0, 0)).toBe(0);
  });

  it("explains what moved, biggest effect first, and names the costliest component", () => {
    const before = scoreHealth(steady).components;
    const after = scoreHealth({
      ...steady,
      overdueCents: 12_000,
      oldestOverdueDays: 35,
      apiRequestsRecent: 400,
    }).components;
    expect(explainHealthChange(before, after).map((change) => change.sentence)).toEqual([
      "Payment state fell from 100 to 0 (−5 points): $120.00 overdue, the oldest 35 days",
      "API usage trend fell from 50 to 40 (−2 points): 400 API requests in 30 days, down 60% on the 30 days before",
    ]);
    // Costing most now: usage (60 × 20 = 12 points) over features (50 × 15) and payment (100 × 5).
    expect(topReason(after)).toBe("API usage trend: 400 API requests in 30 days, down 60% on the 30 days before");
    expect(explainHealthChange(before, before)).toEqual([]);
  });
});
