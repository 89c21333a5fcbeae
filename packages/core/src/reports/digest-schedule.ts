import type { DIGEST_CADENCES } from "@pp/db/schema";
import { wallClockMs } from "../incidents/business-time";

/**
 * When a staff member's digest goes out: weekly on a weekday or monthly on a day of the month, at a
 * local hour in their IANA zone. Each period (an ISO week or a calendar month, in that zone) has
 * exactly one send time, and its key names the period, so a digest is sent once per period.
 * Pure: no clock, no database.
 */
export type DigestSchedule = {
  cadence: (typeof DIGEST_CADENCES)[number];
  /** Weekly: 0 = Sunday … 6 = Saturday. */
  weekday: number | null;
  /** Monthly: 1–31; a shorter month sends on its last day. */
  dayOfMonth: number | null;
  /** 0–23, local. */
  sendHour: number;
  timeZone: string;
};

export type DigestSend = {
  /** `weekly:2026-W50` or `monthly:2026-12`, in the subscriber's zone. */
  periodKey: string;
  sendAt: Date;
  /** The local days the digest covers: the period before the one it is sent in (YYYY-MM-DD, inclusive). */
  covers: { from: string; to: string };
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The instant a local wall-clock time happens in a zone. A time the clocks skip (02:30 on the
 * spring-forward night) moves forward by the gap; a time that happens twice (the fall-back hour)
 * is its first occurrence.
 */
export function localTimeToInstant(wallMs: number, timeZone: string): number {
  const offsetBefore = wallClockMs(wallMs - DAY_MS, timeZone) - (wallMs - DAY_MS);
  const offsetAfter = wallClockMs(wallMs + DAY_MS, timeZone) - (wallMs + DAY_MS);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter].filter(
    (instant) => wallClockMs(instant, timeZone) === wallMs,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return wallMs - offsetBefore;
}

function isoDay(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

/** ISO 8601 week of a local day (its Thursday decides the year): `2026-W50`. */
function isoWeekKey(mondayMs: number): string {
  const thursday = new Date(mondayMs + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

type Period = { key: string; startMs: number; nextStartMs: number; previousStartMs: number; sendDayMs: number };

/** The period (local) an instant falls in, as local-midnight wall-clock values. */
function periodAt(schedule: DigestSchedule, instant: number): Period {
  const wall = wallClockMs(instant, schedule.timeZone);
  const dayMs = Math.floor(wall / DAY_MS) * DAY_MS;
  return periodStartingAt(schedule, startOfPeriod(schedule, dayMs));
}

function startOfPeriod(schedule: DigestSchedule, dayMs: number): number {
  const day = new Date(dayMs);
  if (schedule.cadence === "weekly") return dayMs - ((day.getUTCDay() + 6) % 7) * DAY_MS;
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
}

function periodStartingAt(schedule: DigestSchedule, startMs: number): Period {
  const start = new Date(startMs);
  if (schedule.cadence === "weekly") {
    const weekday = schedule.weekday ?? 1;
    return {
      key: `weekly:${isoWeekKey(startMs)}`,
      startMs,
      nextStartMs: startMs + 7 * DAY_MS,
      previousStartMs: startMs - 7 * DAY_MS,
      // Monday starts the week; Sunday (0) is its last day.
      sendDayMs: startMs + ((weekday + 6) % 7) * DAY_MS,
    };
  }
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth();
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(schedule.dayOfMonth ?? 1, daysInMonth);
  return {
    key: `monthly:${isoDay(startMs).slice(0, 7)}`,
    startMs,
    nextStartMs: Date.UTC(year, month + 1, 1),
    previousStartMs: Date.UTC(year, month - 1, 1),
    sendDayMs: Date.UTC(year, month, day),
  };
}

function sendOf(schedule: DigestSchedule, period: Period): DigestSend {
  return {
    periodKey: period.key,
    sendAt: new Date(localTimeToInstant(period.sendDayMs + schedule.sendHour * HOUR_MS, schedule.timeZone)),
    covers: { from: isoDay(period.previousStartMs), to: isoDay(period.startMs - DAY_MS) },
  };
}

/** The first send strictly after `after`. */
export function nextDigestSend(schedule: DigestSchedule, after: Date): DigestSend {
  const period = periodAt(schedule, after.getTime());
  const current = sendOf(schedule, period);
  if (current.sendAt.getTime() > after.getTime()) return current;
  return sendOf(schedule, periodStartingAt(schedule, period.nextStartMs));
}

/**
 * The send of the period `now` falls in, when its time has come and it is not older than the
 * schedule itself (a digest whose time passed before someone subscribed is not sent late).
 * A job that was down at the send time still sends it later in the same period.
 */
export function dueDigestSend(schedule: DigestSchedule, now: Date, scheduledFrom: Date): DigestSend | null {
  const current = sendOf(schedule, periodAt(schedule, now.getTime()));
  const at = current.sendAt.getTime();
  return at <= now.getTime() && at >= scheduledFrom.getTime() ? current : null;
}

/** The period a digest sent (or previewed) at `at` reports on: the one before the period `at` falls in. */
export function digestWindow(
  schedule: DigestSchedule,
  at: Date,
): { from: Date; to: Date; covers: DigestSend["covers"] } {
  const period = periodAt(schedule, at.getTime());
  const send = sendOf(schedule, period);
  return {
    from: new Date(localTimeToInstant(period.previousStartMs, schedule.timeZone)),
    to: new Date(localTimeToInstant(period.startMs, schedule.timeZone)),
    covers: send.covers,
  };
}

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** "Monday, Dec 14, 2026, 08:00 (America/New_York)": a send time as the subscriber reads it. */
export function describeSendTime(sendAt: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "long",
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(sendAt);
  return `${text} (${timeZone})`;
}

/** "Weekly on Monday at 08:00" / "Monthly on day 31 at 09:00 (the last day in shorter months)". */
export function describeSchedule(schedule: DigestSchedule): string {
  const hour = `${String(schedule.sendHour).padStart(2, "0")}:00`;
  if (schedule.cadence === "weekly") return `Weekly on ${WEEKDAY_NAMES[schedule.weekday ?? 1]} at ${hour}`;
  const day = schedule.dayOfMonth ?? 1;
  return `Monthly on day ${day} at ${hour}${day > 28 ? " (the last day in shorter months)" : ""}`;
}
