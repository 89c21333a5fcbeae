import { describe, expect, it } from "vitest";
import { resolveApiUsageWindow, ZApiUsageFilters } from "./api-usage-filters";

const NOW = new Date("2025-06-15T10:30:00Z");

describe("resolveApiUsageWindow", () => {
  it("defaults to 30 days by the day, today included, with the prior 30 days before", () => {
    expect(resolveApiUsageWindow({}, NOW)).toEqual({
      range: "30d",
      bucket: "day",
      start: new Date("2025-05-17T00:00:00Z"),
      end: NOW,
      liveFrom: new Date("2025-06-15T10:00:00Z"),
      buckets: 30,
      priorStart: new Date("2025-04-17T00:00:00Z"),
    });
  });

  it("takes the last 24 hours by the hour", () => {
    expect(resolveApiUsageWindow({ range: "24h" }, NOW)).toMatchObject({
      bucket: "hour",
      start: new Date("2025-06-14T11:00:00Z"),
      buckets: 24,
      priorStart: new Date("2025-06-13T11:00:00Z"),
    });
  });

  it("reads custom days inclusively, by the hour when short, and never past now", () => {
    expect(resolveApiUsageWindow({ range: "custom", from: "2025-06-01", to: "2025-06-07" }, NOW)).toMatchObject({
      bucket: "day",
      start: new Date("2025-06-01T00:00:00Z"),
      end: new Date("2025-06-08T00:00:00Z"),
      buckets: 7,
      priorStart: new Date("2025-05-25T00:00:00Z"),
    });
    expect(resolveApiUsageWindow({ range: "custom", from: "2025-06-15", to: "2025-06-15" }, NOW)).toMatchObject({
      bucket: "hour",
      end: NOW,
      buckets: 11,
    });
  });

  it("refuses a reversed or too long custom range, naming the field", () => {
    expect(() => resolveApiUsageWindow({ range: "custom", from: "2025-06-10", to: "2025-06-01" }, NOW)).toThrow(
      /"from"/,
    );
    expect(() => resolveApiUsageWindow({ range: "custom", from: "2021-01-01", to: "2025-06-01" }, NOW)).toThrow(/"to"/);
  });

  it("parses a GET form's empty values as no filter", () => {
    expect(ZApiUsageFilters.parse({ range: "7d", tenantId: "", method: "", statusClass: "5xx" })).toEqual({
      range: "7d",
      statusClass: "5xx",
    });
    expect(ZApiUsageFilters.safeParse({ statusClass: "6xx" }).success).toBe(false);
  });
});
