import { describe, expect, it } from "vitest";
import { localIsoDay, startOfLocalDay } from "./local-date";

describe("local calendar days", () => {
  it("counts days on the reader's calendar, across a year end", () => {
    expect(localIsoDay(1, new Date(2026, 11, 31, 23, 30))).toBe("2027-01-01");
    expect(localIsoDay(0, new Date(2026, 2, 8, 0, 5))).toBe("2026-03-08");
  });

  it("starts a picked day at local midnight, whatever the time zone", () => {
    const start = startOfLocalDay("2026-12-10");
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()]).toEqual([
      2026, 11, 10, 0, 0,
    ]);
  });
});
