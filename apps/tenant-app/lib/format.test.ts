import { describe, expect, it } from "vitest";
import { formatDay } from "./format";

describe("formatDay", () => {
  it("shows a date-only value as that calendar day, even in a zone behind UTC", () => {
    // Read as a UTC midnight, 1 March would show as 28 February in Chicago and Honolulu.
    expect(formatDay("2026-03-01", "America/Chicago")).toBe("Mar 1, 2026");
    expect(formatDay("2026-03-01", "Pacific/Honolulu")).toBe("Mar 1, 2026");
    expect(formatDay("2026-03-01", "Asia/Tokyo")).toBe("Mar 1, 2026");
  });

  it("shows an instant on the tenant's own day", () => {
    expect(formatDay(new Date("2026-03-01T03:00:00Z"), "America/Chicago")).toBe("Feb 28, 2026");
    expect(formatDay("2026-03-01T03:00:00Z", "Asia/Tokyo")).toBe("Mar 1, 2026");
  });
});
