import { describe, expect, it } from "vitest";
import { burnRate, evaluateBurnRates, isSpike, type SloBucket, windowCounts } from "./burn-rate";
import { SLOS } from "./slo-definitions";

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = Date.parse("2026-04-10T10:30:00Z");
const federation = SLOS.find((slo) => slo.key === "federation");
if (!federation) throw new Error("federation SLO missing");

/** `count` minute buckets ending at NOW, each from `make(minutesAgo)`. */
function minutes(count: number, make: (ago: number) => Omit<SloBucket, "start">): SloBucket[] {
  return Array.from({ length: count }, (_, i) => ({ start: NOW - (i + 1) * MIN, ...make(i + 1) }));
}
function hours(count: number, make: (ago: number) => Omit<SloBucket, "start">): SloBucket[] {
  const currentHour = Math.floor(NOW / HOUR) * HOUR;
  return Array.from({ length: count }, (_, i) => ({ start: currentHour - i * HOUR, ...make(i) }));
}
function firing(verdicts: ReturnType<typeof evaluateBurnRates>) {
  return verdicts.filter((v) => v.firing).map((v) => `${v.rule.key}:${v.sli}`);
}

describe("windowCounts", () => {
  it("sums minute buckets inside short windows and whole hours for long ones", () => {
    const series = {
      minutes: minutes(360, () => ({ total: 10, bad: 1, slow: 0 })),
      hours: hours(80, () => ({ total: 100, bad: 0, slow: 2 })),
    };
    expect(windowCounts(series, NOW, 5 * MIN)).toEqual({ total: 50, bad: 5, slow: 0 });
    expect(windowCounts(series, NOW, HOUR)).toEqual({ total: 600, bad: 60, slow: 0 });
    // 3 days before 10:30 is 07:30: the 07:00 hour counts whole, up to the current 10:00 hour: 73 hours.
    expect(windowCounts(series, NOW, 72 * HOUR)).toEqual({ total: 7300, bad: 0, slow: 146 });
  });
});

describe("burnRate", () => {
  it("is the error rate over the error budget (0.1 % for 99.9 %, 5 % for p95)", () => {
    expect(burnRate({ total: 1000, bad: 2, slow: 0 }, federation, "availability")).toBeCloseTo(2);
    expect(burnRate({ total: 1000, bad: 0, slow: 100 }, federation, "latency")).toBeCloseTo(2);
    expect(burnRate({ total: 0, bad: 0, slow: 0 }, federation, "availability")).toBe(0);
  });
});

describe("evaluateBurnRates", () => {
  it("fast burn (14.4× over 1 h and 5 min): 2 % errors for the last hour fires only the fast rule", () => {
    // 1 h: 120 of 6,000 = 2 % = 20×; 6 h: 120 of 36,000 = 0.33 % = 3.3× (under 6×).
    const series = { minutes: minutes(360, (ago) => ({ total: 100, bad: ago <= 60 ? 2 : 0, slow: 0 })), hours: [] };
    expect(firing(evaluateBurnRates(series, federation, NOW))).toEqual(["fast:availability"]);
  });

  it("the fast rule clears once the last 5 minutes are clean, although the hour still burns", () => {
    const series = {
      minutes: minutes(60, (ago) => ({ total: 100, bad: ago > 10 ? 3 : 0, slow: 0 })),
      hours: [],
    };
    const fast = evaluateBurnRates(series, federation, NOW).find(
      (v) => v.rule.key === "fast" && v.sli === "availability",
    );
    expect(fast).toMatchObject({ firing: false, shortBurnRate: 0 });
    expect(fast?.longBurnRate).toBeCloseTo(25);
  });

  it("medium burn (6× over 6 h and 30 min): 0.7 % errors for six hours", () => {
    const series = { minutes: minutes(360, () => ({ total: 1000, bad: 7, slow: 0 })), hours: [] };
    expect(firing(evaluateBurnRates(series, federation, NOW))).toEqual(["medium:availability"]);
  });

  it("slow burn (1× over 3 d and 6 h): 0.2 % errors for three days", () => {
    const series = {
      minutes: minutes(360, () => ({ total: 1000, bad: 2, slow: 0 })),
      hours: hours(80, () => ({ total: 60_000, bad: 120, slow: 0 })),
    };
    expect(firing(evaluateBurnRates(series, federation, NOW))).toEqual(["slow:availability"]);
  });

  it("latency: 80 % of requests over 500 ms burns the 5 % budget 16× — fast and medium fire", () => {
    const series = { minutes: minutes(360, () => ({ total: 10, bad: 0, slow: 8 })), hours: [] };
    expect(firing(evaluateBurnRates(series, federation, NOW))).toEqual(["fast:latency", "medium:latency"]);
  });

  it("needs 20 requests in the long window: 5 failures of 10 do not page", () => {
    const series = { minutes: minutes(10, () => ({ total: 1, bad: 1, slow: 0 })), hours: [] };
    expect(firing(evaluateBurnRates(series, federation, NOW))).toEqual([]);
  });
});

describe("isSpike", () => {
  it("needs 20 responses and 3× the baseline's 5-minute average", () => {
    expect(isSpike(19, 0)).toBe(false);
    expect(isSpike(20, 0)).toBe(true);
    expect(isSpike(29, 10)).toBe(false);
    expect(isSpike(30, 10)).toBe(true);
  });
});
