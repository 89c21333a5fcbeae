import { describe, expect, it } from "vitest";
import { estimateLatencyPercentile } from "./api-usage-percentiles";

describe("estimateLatencyPercentile", () => {
  it("interpolates linearly inside the bucket that holds the rank", () => {
    // 100 requests all in 50–100 ms: the median is halfway, p99 near the top.
    const buckets = [0, 0, 0, 0, 100, 0, 0, 0, 0, 0, 0];
    expect(estimateLatencyPercentile(buckets, 0.5)).toEqual({ ms: 75, aboveLastBound: false });
    expect(estimateLatencyPercentile(buckets, 0.99)).toEqual({ ms: 99.5, aboveLastBound: false });
  });

  it("starts the first bucket at 0 ms and skips empty buckets", () => {
    expect(estimateLatencyPercentile([4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5)).toEqual({
      ms: 2.5,
      aboveLastBound: false,
    });
    // 90 fast, 10 in 1–2.5 s: p95 is the middle of the slow bucket.
    expect(estimateLatencyPercentile([90, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0], 0.95)).toEqual({
      ms: 1_750,
      aboveLastBound: false,
    });
  });

  it("reports the last bound for ranks in the open bucket, and null without requests", () => {
    expect(estimateLatencyPercentile([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3], 0.5)).toEqual({
      ms: 5_000,
      aboveLastBound: true,
    });
    expect(estimateLatencyPercentile(new Array(11).fill(0), 0.5)).toBeNull();
  });
});
