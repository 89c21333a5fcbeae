import { describe, expect, it } from "vitest";
import { computeSlaClocks, currentClock } from "./sla-clock";

const MIN = 60_000;
const t0 = new Date("2026-02-02T12:00:00Z").getTime();
const at = (minutes: number) => new Date(t0 + minutes * MIN);
const policy = { ackMinutes: 15, resolveMinutes: 240, calendar: { kind: "24x7" } as const };

function clocks(events: [string, number][], now: number) {
  return computeSlaClocks({
    openedAt: at(0),
    events: events.map(([kind, minutes]) => ({ kind, at: at(minutes) })),
    policy,
    now: at(now),
  });
}

describe("computeSlaClocks", () => {
  it("acknowledge clock: on track at 73 %, about to breach at 87 % (≤ 20 % left), breached past 15 min", () => {
    expect(clocks([], 11).acknowledge.state).toBe("on_track");
    expect(clocks([], 12).acknowledge.state).toBe("about_to_breach");
    expect(clocks([], 13).acknowledge).toMatchObject({
      state: "about_to_breach",
      remainingMs: 2 * MIN,
      phase: "running",
    });
    expect(clocks([], 16).acknowledge).toMatchObject({ state: "breached", remainingMs: -MIN });
    expect(clocks([], 16).acknowledge.dueAt).toEqual(at(15));
    expect(clocks([], 16).acknowledge.warnAt).toEqual(at(12));
  });

  it("acknowledging stops the acknowledge clock; the resolve clock keeps running", () => {
    const result = clocks([["acknowledged", 10]], 60);
    expect(result.acknowledge).toMatchObject({ phase: "stopped", elapsedMs: 10 * MIN, state: "on_track" });
    expect(result.resolve).toMatchObject({ phase: "running", elapsedMs: 60 * MIN, state: "on_track" });
    expect(currentClock(result).name).toBe("resolve");
  });

  it("waiting on the customer pauses the resolve clock; their reply resumes it and moves the due time", () => {
    const paused = clocks(
      [
        ["acknowledged", 10],
        ["waiting_on_customer", 60],
      ],
      300,
    );
    expect(paused.resolve).toMatchObject({ phase: "paused", elapsedMs: 60 * MIN, state: "on_track" });
    expect(paused.resolve.stoppedAt).toEqual(at(60));
    const resumed = clocks(
      [
        ["acknowledged", 10],
        ["waiting_on_customer", 60],
        ["customer_replied", 300],
      ],
      400,
    );
    expect(resumed.resolve).toMatchObject({ phase: "running", elapsedMs: 160 * MIN, state: "on_track" });
    expect(resumed.resolve.dueAt).toEqual(at(480));
    expect(resumed.resolve.warnAt).toEqual(at(432));
  });

  it("resolving stops the clock; reopening continues it without the resolved time", () => {
    const history: [string, number][] = [
      ["acknowledged", 5],
      ["resolved", 210],
    ];
    expect(clocks(history, 900).resolve).toMatchObject({
      phase: "stopped",
      elapsedMs: 210 * MIN,
      state: "about_to_breach",
    });
    const reopened = clocks([...history, ["reopened", 1000]], 1040);
    expect(reopened.resolve).toMatchObject({ phase: "running", elapsedMs: 250 * MIN, state: "breached" });
  });

  it("business hours: an acknowledge target opened after hours does not run overnight", () => {
    const result = computeSlaClocks({
      openedAt: new Date("2026-01-05T23:00:00Z"), // Mon 18:00 New York
      events: [],
      policy: {
        ackMinutes: 60,
        resolveMinutes: 480,
        calendar: {
          kind: "business_hours",
          timeZone: "America/New_York",
          days: [1, 2, 3, 4, 5],
          startMinute: 540,
          endMinute: 1020,
          holidays: [],
        },
      },
      now: new Date("2026-01-06T14:30:00Z"), // Tue 09:30
    });
    expect(result.acknowledge).toMatchObject({ elapsedMs: 30 * MIN, state: "on_track" });
    expect(result.acknowledge.dueAt).toEqual(new Date("2026-01-06T15:00:00Z"));
  });
});
