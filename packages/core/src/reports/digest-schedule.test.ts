import { describe, expect, it } from "vitest";
import {
  type DigestSchedule,
  digestWindow,
  dueDigestSend,
  localTimeToInstant,
  nextDigestSend,
} from "./digest-schedule";

const weekly = (weekday: number, sendHour: number, timeZone: string): DigestSchedule => ({
  cadence: "weekly",
  weekday,
  dayOfMonth: null,
  sendHour,
  timeZone,
});
const monthly = (dayOfMonth: number, sendHour: number, timeZone: string): DigestSchedule => ({
  cadence: "monthly",
  weekday: null,
  dayOfMonth,
  sendHour,
  timeZone,
});
const at = (iso: string) => new Date(iso);

describe("nextDigestSend", () => {
  it("weekly: the next chosen weekday at the local hour, keyed by the ISO week, covering the week before", () => {
    // Wednesday 2026-12-09; Monday 2026-12-14 08:00 EST (UTC−5) is 13:00 UTC, ISO week 51.
    const send = nextDigestSend(weekly(1, 8, "America/New_York"), at("2026-12-09T15:00:00Z"));
    expect(send).toEqual({
      periodKey: "weekly:2026-W51",
      sendAt: at("2026-12-14T13:00:00Z"),
      covers: { from: "2026-12-07", to: "2026-12-13" },
    });
  });

  it("weekly: a send time exactly at `after` is not next; the same weekday a week later is", () => {
    const send = nextDigestSend(weekly(1, 8, "America/New_York"), at("2026-12-14T13:00:00Z"));
    expect(send.sendAt).toEqual(at("2026-12-21T13:00:00Z"));
    expect(send.periodKey).toBe("weekly:2026-W52");
  });

  it("weekly on Sunday: Sunday is the last day of the ISO week", () => {
    // Monday 2026-12-07 → Sunday 2026-12-13 09:00 UTC, still week 50.
    const send = nextDigestSend(weekly(0, 9, "UTC"), at("2026-12-07T00:00:00Z"));
    expect(send).toMatchObject({ periodKey: "weekly:2026-W50", sendAt: at("2026-12-13T09:00:00Z") });
  });

  it("weekly: the ISO week of the year's turn (2026 has a week 53; 2027-W01 starts Monday 4 January)", () => {
    expect(nextDigestSend(weekly(1, 8, "UTC"), at("2026-12-25T00:00:00Z")).periodKey).toBe("weekly:2026-W53");
    expect(nextDigestSend(weekly(1, 8, "UTC"), at("2026-12-29T00:00:00Z"))).toMatchObject({
      periodKey: "weekly:2027-W01",
      sendAt: at("2027-01-04T08:00:00Z"),
    });
  });

  it("across the spring DST change the local hour stays: 08:00 EST is 13:00 UTC, 08:00 EDT is 12:00 UTC", () => {
    const schedule = weekly(0, 8, "America/New_York");
    const before = nextDigestSend(schedule, at("2026-02-25T00:00:00Z"));
    expect(before.sendAt).toEqual(at("2026-03-01T13:00:00Z"));
    const after = nextDigestSend(schedule, before.sendAt);
    expect(after.sendAt).toEqual(at("2026-03-08T12:00:00Z"));
  });

  it("a local hour the clocks skip (02:00 on 8 March 2026 in New York) is sent at 03:00 EDT", () => {
    expect(nextDigestSend(weekly(0, 2, "America/New_York"), at("2026-03-02T00:00:00Z")).sendAt).toEqual(
      at("2026-03-08T07:00:00Z"),
    );
  });

  it("a local hour that happens twice (01:00 on 1 November 2026 in New York) is sent the first time, 01:00 EDT", () => {
    expect(nextDigestSend(weekly(0, 1, "America/New_York"), at("2026-10-27T00:00:00Z")).sendAt).toEqual(
      at("2026-11-01T05:00:00Z"),
    );
  });

  it("monthly: a day past the month's end sends on its last day (28 February 2027, 29 February 2028)", () => {
    const schedule = monthly(31, 9, "UTC");
    expect(nextDigestSend(schedule, at("2027-01-31T09:00:00Z"))).toEqual({
      periodKey: "monthly:2027-02",
      sendAt: at("2027-02-28T09:00:00Z"),
      covers: { from: "2027-01-01", to: "2027-01-31" },
    });
    expect(nextDigestSend(schedule, at("2028-02-01T00:00:00Z")).sendAt).toEqual(at("2028-02-29T09:00:00Z"));
    expect(nextDigestSend(schedule, at("2027-03-01T00:00:00Z")).sendAt).toEqual(at("2027-03-31T09:00:00Z"));
    expect(nextDigestSend(schedule, at("2027-04-01T00:00:00Z")).sendAt).toEqual(at("2027-04-30T09:00:00Z"));
  });

  it("monthly across a DST change in London: 1 March 09:00 GMT is 09:00 UTC, 1 April 09:00 BST is 08:00 UTC", () => {
    const schedule = monthly(1, 9, "Europe/London");
    const march = nextDigestSend(schedule, at("2027-02-15T00:00:00Z"));
    expect(march.sendAt).toEqual(at("2027-03-01T09:00:00Z"));
    expect(nextDigestSend(schedule, march.sendAt).sendAt).toEqual(at("2027-04-01T08:00:00Z"));
  });

  it("the period is the subscriber's: 1 December 07:00 in Auckland (UTC+13) is 30 November 18:00 UTC", () => {
    const send = nextDigestSend(monthly(1, 7, "Pacific/Auckland"), at("2026-11-30T00:00:00Z"));
    expect(send).toEqual({
      periodKey: "monthly:2026-12",
      sendAt: at("2026-11-30T18:00:00Z"),
      covers: { from: "2026-11-01", to: "2026-11-30" },
    });
  });
});

describe("dueDigestSend", () => {
  const schedule = weekly(1, 8, "America/New_York");
  const subscribed = at("2026-12-01T00:00:00Z");

  it("is due from the send time until the period ends, with the period's key (a stopped job catches up)", () => {
    expect(dueDigestSend(schedule, at("2026-12-14T12:59:00Z"), subscribed)).toBeNull();
    const due = dueDigestSend(schedule, at("2026-12-14T13:00:00Z"), subscribed);
    expect(due).toMatchObject({ periodKey: "weekly:2026-W51", sendAt: at("2026-12-14T13:00:00Z") });
    // Sunday 23:00 New York is Monday 04:00 UTC: still week 51 where the subscriber is.
    expect(dueDigestSend(schedule, at("2026-12-21T04:00:00Z"), subscribed)?.periodKey).toBe("weekly:2026-W51");
  });

  it("is not due for a send time before the subscription (or its last change)", () => {
    expect(dueDigestSend(schedule, at("2026-12-15T10:00:00Z"), at("2026-12-14T13:05:00Z"))).toBeNull();
    expect(dueDigestSend(schedule, at("2026-12-21T13:00:00Z"), at("2026-12-14T13:05:00Z"))?.periodKey).toBe(
      "weekly:2026-W52",
    );
  });
});

describe("digestWindow", () => {
  it("covers the subscriber's previous local week, as instants", () => {
    const window = digestWindow(weekly(1, 8, "America/New_York"), at("2026-12-14T13:00:00Z"));
    expect(window).toEqual({
      from: at("2026-12-07T05:00:00Z"),
      to: at("2026-12-14T05:00:00Z"),
      covers: { from: "2026-12-07", to: "2026-12-13" },
    });
  });
});

describe("localTimeToInstant", () => {
  it("converts wall-clock time in a zone without DST", () => {
    expect(new Date(localTimeToInstant(Date.UTC(2026, 6, 1, 9), "Asia/Kolkata"))).toEqual(at("2026-07-01T03:30:00Z"));
  });
});
