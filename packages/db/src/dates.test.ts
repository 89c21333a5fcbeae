import { describe, expect, it } from "vitest";
import { startOfWeek, weekStartOnOrAfter } from "./dates";

describe("startOfWeek", () => {
  it("is the Monday 00:00 UTC on or before the instant, as date_trunc('week', …, 'UTC')", () => {
    const week = (iso: string) => startOfWeek(new Date(iso)).toISOString();
    // Wednesday, Monday itself, the Sunday before the next Monday, and across a year end.
    expect(week("2026-12-09T15:30:00Z")).toBe("2026-12-07T00:00:00.000Z");
    expect(week("2026-12-07T00:00:00Z")).toBe("2026-12-07T00:00:00.000Z");
    expect(week("2026-12-13T23:59:59.999Z")).toBe("2026-12-07T00:00:00.000Z");
    expect(week("2027-01-01T08:00:00Z")).toBe("2026-12-28T00:00:00.000Z");
    // Before 1970 (a Thursday): still the Monday before.
    expect(week("1969-12-31T12:00:00Z")).toBe("1969-12-29T00:00:00.000Z");
  });

  it("rounds a day up to the week start on or after it", () => {
    const up = (iso: string) => weekStartOnOrAfter(new Date(iso)).toISOString();
    expect(up("2026-12-07T00:00:00Z")).toBe("2026-12-07T00:00:00.000Z");
    expect(up("2026-12-08T00:00:00Z")).toBe("2026-12-14T00:00:00.000Z");
    expect(up("2026-12-13T00:00:00Z")).toBe("2026-12-14T00:00:00.000Z");
  });
});
