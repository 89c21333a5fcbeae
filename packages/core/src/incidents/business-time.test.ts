import { describe, expect, it } from "vitest";
import { addBusinessMillis, assertCalendar, type BusinessCalendar, businessMillisBetween } from "./business-time";

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const NEW_YORK_WEEKDAYS: BusinessCalendar = {
  kind: "business_hours",
  timeZone: "America/New_York",
  days: [1, 2, 3, 4, 5],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
  holidays: [],
};

describe("businessMillisBetween", () => {
  it("24×7 counts every hour, across a DST change too", () => {
    const calendar: BusinessCalendar = { kind: "24x7" };
    expect(businessMillisBetween({ calendar, from: at("2026-03-07T17:00:00Z"), to: at("2026-03-08T16:00:00Z") })).toBe(
      23 * HOUR,
    );
    expect(businessMillisBetween({ calendar, from: at("2026-03-08T16:00:00Z"), to: at("2026-03-07T17:00:00Z") })).toBe(
      0,
    );
  });

  it("skips the weekend: Friday 16:00 to Monday 10:00 New York is two working hours", () => {
    // Fri 9 Jan 2026 16:00 EST = 21:00Z; Mon 12 Jan 10:00 EST = 15:00Z.
    expect(
      businessMillisBetween({
        calendar: NEW_YORK_WEEKDAYS,
        from: at("2026-01-09T21:00:00Z"),
        to: at("2026-01-12T15:00:00Z"),
      }),
    ).toBe(2 * HOUR);
  });

  it("skips a holiday: Thu 24 Dec 16:00 to Mon 28 Dec 10:00 is 2 h with Christmas off, 10 h without", () => {
    const from = at("2026-12-24T21:00:00Z");
    const to = at("2026-12-28T15:00:00Z");
    expect(businessMillisBetween({ calendar: { ...NEW_YORK_WEEKDAYS, holidays: ["2026-12-25"] }, from, to })).toBe(
      2 * HOUR,
    );
    expect(businessMillisBetween({ calendar: NEW_YORK_WEEKDAYS, from, to })).toBe(10 * HOUR);
  });

  it("follows the local window over the spring-forward change (8 working hours in 23 real ones)", () => {
    const everyDay: BusinessCalendar = { ...NEW_YORK_WEEKDAYS, days: [0, 1, 2, 3, 4, 5, 6] };
    // Sat 7 Mar 12:00 EST = 17:00Z → Sun 8 Mar 12:00 EDT = 16:00Z: Sat 12–17 (5 h) + Sun 9–12 (3 h).
    expect(
      businessMillisBetween({ calendar: everyDay, from: at("2026-03-07T17:00:00Z"), to: at("2026-03-08T16:00:00Z") }),
    ).toBe(8 * HOUR);
    // Sunday's 09:00 is 13:00Z (EDT), not 14:00Z: two hours after Sat 16:00 EST is Sun 10:00 EDT.
    expect(addBusinessMillis({ calendar: everyDay, from: at("2026-03-07T21:00:00Z"), millis: 2 * HOUR })).toEqual(
      at("2026-03-08T14:00:00Z"),
    );
    // Autumn: Sun 1 Nov 2026 09:00 is EST again (14:00Z).
    expect(addBusinessMillis({ calendar: everyDay, from: at("2026-10-31T20:00:00Z"), millis: 2 * HOUR })).toEqual(
      at("2026-11-01T15:00:00Z"),
    );
  });

  it("leaves out pauses, an open one up to the end", () => {
    const calendar: BusinessCalendar = { kind: "24x7" };
    const t0 = at("2026-01-05T00:00:00Z").getTime();
    const pauses = [
      { start: new Date(t0 + 2 * HOUR), end: new Date(t0 + 5 * HOUR) },
      { start: new Date(t0 + 8 * HOUR), end: null },
    ];
    expect(businessMillisBetween({ calendar, from: new Date(t0), to: new Date(t0 + 10 * HOUR), pauses })).toBe(
      5 * HOUR,
    );
  });

  it("a pause outside working hours costs nothing; one inside does", () => {
    // Mon 5 Jan 2026 09:00–17:00 EST = 14:00Z–22:00Z. Pause 12:00–23:00Z overlaps 14:00–22:00 fully.
    const from = at("2026-01-05T12:00:00Z");
    const to = at("2026-01-06T16:00:00Z"); // Tue 11:00 EST
    expect(businessMillisBetween({ calendar: NEW_YORK_WEEKDAYS, from, to })).toBe(10 * HOUR);
    const pauses = [{ start: at("2026-01-05T23:00:00Z"), end: at("2026-01-06T13:00:00Z") }];
    expect(businessMillisBetween({ calendar: NEW_YORK_WEEKDAYS, from, to, pauses })).toBe(10 * HOUR);
    const inside = [{ start: at("2026-01-05T20:00:00Z"), end: at("2026-01-06T15:00:00Z") }];
    // Mon 14–20Z (6 h) + Tue 15–16Z (1 h).
    expect(businessMillisBetween({ calendar: NEW_YORK_WEEKDAYS, from, to, pauses: inside })).toBe(7 * HOUR);
  });
});

describe("addBusinessMillis", () => {
  it("a 4-hour target opened Friday 15:00 New York falls due Monday 11:00", () => {
    expect(
      addBusinessMillis({ calendar: NEW_YORK_WEEKDAYS, from: at("2026-01-09T20:00:00Z"), millis: 4 * HOUR }),
    ).toEqual(at("2026-01-12T16:00:00Z"));
  });

  it("opened before hours, the clock starts at 09:00", () => {
    expect(addBusinessMillis({ calendar: NEW_YORK_WEEKDAYS, from: at("2026-01-05T10:00:00Z"), millis: HOUR })).toEqual(
      at("2026-01-05T15:00:00Z"),
    );
  });

  it("a closed pause pushes the due time by its working length", () => {
    const calendar: BusinessCalendar = { kind: "24x7" };
    const from = at("2026-01-05T00:00:00Z");
    const pauses = [{ start: at("2026-01-05T01:00:00Z"), end: at("2026-01-05T03:30:00Z") }];
    expect(addBusinessMillis({ calendar, from, millis: 4 * HOUR, pauses })).toEqual(at("2026-01-05T06:30:00Z"));
  });

  it("refuses a calendar with no working day or an inverted window", () => {
    expect(() => assertCalendar({ ...NEW_YORK_WEEKDAYS, days: [] })).toThrow(RangeError);
    expect(() => assertCalendar({ ...NEW_YORK_WEEKDAYS, startMinute: 1000, endMinute: 900 })).toThrow(RangeError);
    expect(() => assertCalendar({ ...NEW_YORK_WEEKDAYS, timeZone: "Mars/Olympus" })).toThrow(RangeError);
  });
});
