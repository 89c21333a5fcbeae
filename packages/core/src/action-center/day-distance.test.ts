import { describe, expect, it } from "vitest";
import { calendarDaysBetween, dayDistance, describeDaysAhead, describeItemAge, describeItemDue } from "./day-distance";

const at = (iso: string) => new Date(iso);

describe("calendarDaysBetween", () => {
  it("counts midnights crossed, not 24-hour blocks", () => {
    expect(calendarDaysBetween(at("2026-03-04T23:59:00Z"), at("2026-03-05T00:01:00Z"))).toBe(1);
    expect(calendarDaysBetween(at("2026-03-04T00:00:00Z"), at("2026-03-04T23:59:59Z"))).toBe(0);
    expect(calendarDaysBetween(at("2026-03-05T00:01:00Z"), at("2026-03-04T23:59:00Z"))).toBe(-1);
  });

  it("crosses month and leap-day ends", () => {
    expect(calendarDaysBetween(at("2028-02-28T12:00:00Z"), at("2028-03-01T12:00:00Z"))).toBe(2);
    expect(calendarDaysBetween(at("2026-12-31T23:00:00Z"), at("2027-01-01T01:00:00Z"))).toBe(1);
  });

  it("keeps a 23-hour spring-forward day and a 25-hour fall-back day at one day each (New York)", () => {
    const zone = "America/New_York";
    // 2026-03-08: clocks jump 02:00 → 03:00 EST→EDT; midnight to midnight is 23 hours.
    expect(calendarDaysBetween(at("2026-03-08T05:00:00Z"), at("2026-03-09T04:00:00Z"), zone)).toBe(1);
    // 2026-11-01: clocks fall back 02:00 → 01:00 EDT→EST; midnight to midnight is 25 hours.
    expect(calendarDaysBetween(at("2026-11-01T04:00:00Z"), at("2026-11-02T05:00:00Z"), zone)).toBe(1);
    // 23:30 on Oct 31 to 00:30 on Nov 2 (local): two days, though only 26 hours apart.
    expect(calendarDaysBetween(at("2026-11-01T03:30:00Z"), at("2026-11-02T05:30:00Z"), zone)).toBe(2);
  });

  it("uses the zone's midnight, not UTC's", () => {
    // 03:00 UTC on the 5th is still the 4th in New York.
    expect(calendarDaysBetween(at("2026-03-04T15:00:00Z"), at("2026-03-05T03:00:00Z"), "America/New_York")).toBe(0);
    expect(calendarDaysBetween(at("2026-03-04T15:00:00Z"), at("2026-03-05T03:00:00Z"))).toBe(1);
  });
});

describe("dayDistance and the queue's words", () => {
  const now = at("2026-03-05T10:00:00Z");

  it("reads the same instant as the same number of days old and days ago due", () => {
    // The bug this replaces: an invoice due (and so opened) on one date read "52 d" old but "53 d ago" due.
    const due = at("2026-01-12T18:00:00Z");
    expect(describeItemAge(due, now)).toBe("52 d");
    expect(describeItemDue(due, now)).toBe("52 d ago");
  });

  it("shows hours below 48 h and calendar days from there", () => {
    expect(describeItemAge(at("2026-03-05T09:30:00Z"), now)).toBe("< 1 h");
    expect(describeItemAge(at("2026-03-04T11:00:00Z"), now)).toBe("23 h");
    expect(describeItemAge(at("2026-03-03T10:00:01Z"), now)).toBe("47 h");
    expect(describeItemAge(at("2026-03-03T10:00:00Z"), now)).toBe("2 d");
    // 71 hours ago, but three midnights back: three calendar days.
    expect(describeItemAge(at("2026-03-02T11:00:00Z"), now)).toBe("3 d");
  });

  it("says due times ahead, behind and now", () => {
    expect(describeItemDue(at("2026-03-05T15:00:00Z"), now)).toBe("in 5 h");
    expect(describeItemDue(at("2026-03-05T10:20:00Z"), now)).toBe("now");
    expect(describeItemDue(at("2026-03-05T04:00:00Z"), now)).toBe("6 h ago");
    expect(describeItemDue(at("2026-03-09T01:00:00Z"), now)).toBe("in 4 d");
  });

  it("says how many calendar days ahead a date is", () => {
    expect(describeDaysAhead(at("2026-03-05T23:59:00Z"), now)).toBe("today");
    expect(describeDaysAhead(at("2026-03-06T00:01:00Z"), now)).toBe("tomorrow");
    expect(describeDaysAhead(at("2026-03-08T09:00:00Z"), now)).toBe("in 3 days");
    expect(describeDaysAhead(at("2026-03-01T00:00:00Z"), now)).toBe("today");
  });

  it("agrees with the due column on cancellations (the same days)", () => {
    const endsAt = at("2026-03-12T00:00:00Z");
    expect(dayDistance(now, endsAt).days).toBe(7);
    expect(describeDaysAhead(endsAt, now)).toBe("in 7 days");
    expect(describeItemDue(endsAt, now)).toBe("in 7 d");
  });
});
