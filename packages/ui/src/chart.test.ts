import { describe, expect, it } from "vitest";
import { summarize, waterfallSeries } from "./chart";

describe("waterfallSeries", () => {
  it("floats each step on an invisible base at the running total", () => {
    const { labels, series } = waterfallSeries([
      { label: "Start", delta: 100 },
      { label: "New", delta: 30 },
      { label: "Churn", delta: -50 },
      { label: "Expansion", delta: 20 },
    ]);
    expect(labels).toEqual(["Start", "New", "Churn", "Expansion"]);
    const [base, increase, decrease] = series;
    // Running totals 0 → 100 → 130 → 80 → 100; a fall hangs from the total before it down to the one after.
    expect(base).toMatchObject({ kind: "bar", invisible: true, values: [0, 100, 80, 80] });
    expect(increase).toMatchObject({ values: [100, 30, null, 20] });
    expect(decrease).toMatchObject({ values: [null, null, 50, null] });
  });
});

describe("summarize", () => {
  it("gives total and peak per visible series and skips bands and invisible bases", () => {
    const text = summarize(
      ["Mar 1", "Mar 2", "Mar 3"],
      [
        { key: "requests", label: "Requests", tone: "brand", values: [10, 25, 5] },
        { kind: "band", key: "range", label: "Forecast range", tone: "brand", ranges: [[1, 2], null, [3, 4]] },
        { kind: "bar", key: "base", label: "Base", tone: "muted", values: [1, 2, 3], invisible: true },
      ],
    );
    expect(text).toBe("Requests: 40 in total, peak 25 (Mar 2).");
    expect(
      summarize(["Jan"], [{ kind: "bar", key: "mrr", label: "MRR", tone: "brand", values: [12345] }], "cents"),
    ).toBe("MRR: $123.45 in total, peak $123.45 (Jan).");
  });
});
