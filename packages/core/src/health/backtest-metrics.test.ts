import { describe, expect, it } from "vitest";
import { areaUnderCurve, liftOf } from "./backtest-metrics";

const o = (score: number, churned: boolean) => ({ score, churned });

describe("backtest metrics", () => {
  it("AUC: 1 when every churned tenant scored lowest, 0.5 for ties, null without both outcomes", () => {
    expect(areaUnderCurve([o(10, true), o(20, true), o(80, false), o(90, false)])).toBe(1);
    expect(areaUnderCurve([o(90, true), o(10, false)])).toBe(0);
    expect(areaUnderCurve([o(50, true), o(50, false)])).toBe(0.5);
    // churned 30 vs retained {20, 30, 60}: 1 above + ½ tie = 1.5 of 3 → 0.5; churned 10: 3 of 3. (1.5 + 3) / 6 = 0.75
    expect(areaUnderCurve([o(30, true), o(10, true), o(20, false), o(30, false), o(60, false)])).toBe(0.75);
    expect(areaUnderCurve([o(10, false)])).toBeNull();
  });

  it("lift: the subset's churn rate over the overall rate", () => {
    const all = [
      o(10, true),
      o(20, true),
      o(30, false),
      o(80, false),
      o(90, false),
      o(95, false),
      o(70, false),
      o(75, false),
    ];
    // at risk (<40): 2 of 3 churned = 0.667; overall 2 of 8 = 0.25 → 2.67
    expect(
      liftOf(
        all.filter((x) => x.score < 40),
        all,
      ),
    ).toBeCloseTo(8 / 3, 5);
    expect(liftOf([], all)).toBeNull();
    expect(liftOf(all, [o(1, false)])).toBeNull();
  });
});
