import { describe, expect, it } from "vitest";
import { settledHoursOf } from "./usage-rollup-pending";

describe("settledHoursOf", () => {
  it("lists each hour before the current one once, oldest first, and ignores the hour in progress", () => {
    const now = new Date("2026-12-07T10:20:00Z");
    const hours = settledHoursOf(
      ["2026-12-07T10:05:00Z", "2026-12-07T09:59:59Z", "2026-12-07T09:00:00Z", new Date("2026-12-06T23:30:00Z")],
      now,
    );
    expect(hours).toEqual(["2026-12-06T23:00:00.000Z", "2026-12-07T09:00:00.000Z"]);
  });

  it("is empty when every row is in the current hour", () => {
    expect(settledHoursOf([new Date("2026-12-07T10:00:00Z")], new Date("2026-12-07T10:59:00Z"))).toEqual([]);
  });
});
