import { describe, expect, it } from "vitest";
import {
  describeAge,
  formatBytes,
  formatCalendarDate,
  formatCents,
  formatPercent,
  isDateOnly,
  lastDayBefore,
} from "./format";

describe("describeAge", () => {
  it("reads hours under two days and whole days after", () => {
    expect(describeAge(0)).toBe("< 1 h");
    expect(describeAge(0, { long: true })).toBe("Under an hour");
    expect(describeAge(47)).toBe("47 h");
    expect(describeAge(48)).toBe("2 d");
    expect(describeAge(71, { long: true })).toBe("2 days");
    expect(describeAge(72, { long: true })).toBe("3 days");
  });
});

describe("formatPercent", () => {
  it("shows a ratio with at most the given fraction digits", () => {
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatPercent(0.1234, 2)).toBe("12.34%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(1)).toBe("100%");
  });
});

describe("formatBytes", () => {
  it("steps by 1024 and keeps whole bytes whole", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(1023)).toBe("1023 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});

describe("formatCents", () => {
  it("uses a typographic minus for credits", () => {
    expect(formatCents(-3500)).toBe("−$35.00");
    expect(formatCents(123456)).toBe("$1,234.56");
  });
});

describe("date-only values are calendar dates", () => {
  it("formats 2026-03-01 as March 1st, whatever the zone a formatter would use", () => {
    expect(formatCalendarDate("2026-03-01")).toBe("Mar 1, 2026");
    expect(formatCalendarDate("2026-12-31")).toBe("Dec 31, 2026");
    expect(formatCalendarDate("9999-12-31")).toBe("Dec 31, 9999");
    expect(formatCalendarDate(null)).toBe("—");
    // An instant is not a calendar date: it reads as formatDate reads it (UTC).
    expect(formatCalendarDate("2026-03-01T23:30:00Z")).toBe("Mar 1, 2026");
  });

  it("tells a date-only value from an instant", () => {
    expect(isDateOnly("2026-03-01")).toBe(true);
    expect(isDateOnly("2026-03-01T00:00:00Z")).toBe(false);
    expect(isDateOnly(new Date())).toBe(false);
  });

  it("reads an exclusive end as the last day it covers: a key through 1 March ends at 2 March 00:00 UTC", () => {
    expect(lastDayBefore(new Date("2026-03-02T00:00:00.000Z"))).toBe("2026-03-01");
    expect(lastDayBefore("2026-03-02T00:00:00.000Z")).toBe("2026-03-01");
    // Mid-day ends (a date-time expiry from the API) keep their own day.
    expect(lastDayBefore("2026-03-01T15:00:00.000Z")).toBe("2026-03-01");
    expect(formatCalendarDate(lastDayBefore("2026-03-02T00:00:00.000Z"))).toBe("Mar 1, 2026");
  });
});
