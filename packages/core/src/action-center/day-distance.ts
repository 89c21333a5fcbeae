// The Action Center's one day arithmetic: age ("opened 52 d ago"), due ("52 d ago", "in 3 d") and
// "cancels in 3 days" all count days here, so one instant reads as one number of days everywhere.
// Pure (no database): the server page and the client queue both import it.

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The time zone whose midnights separate the Action Center's days (billing days are UTC days). */
export const ACTION_CENTER_TIME_ZONE = "UTC";

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date an instant falls on in `timeZone`, as a UTC-midnight day number. */
function dayNumber(at: Date, timeZone: string): number {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    dayFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)) / DAY_MS;
}

/**
 * Calendar days from `from` to `to` in `timeZone`: midnights crossed, not 24-hour blocks, so
 * 23:59 → 00:01 is 1 day and a 23- or 25-hour DST day is still 1. Negative when `to` is earlier.
 */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string = ACTION_CENTER_TIME_ZONE): number {
  return dayNumber(to, timeZone) - dayNumber(from, timeZone);
}

/** Below this, hours say more than days (a dispute's 72 h target, an SLA clock). */
const HOURS_SHOWN_BELOW = 48;

export type DayDistance = {
  /** Whole hours from `from` to `to` (rounded toward zero; negative when `to` is earlier). */
  hours: number;
  /** Calendar days from `from` to `to` (see `calendarDaysBetween`). */
  days: number;
  /** "< 1 h", "5 h", "52 d": the size alone, hours under 48 h, else calendar days. */
  size: string;
};

/** How far apart two instants are, as the Action Center shows it. */
export function dayDistance(from: Date, to: Date, timeZone: string = ACTION_CENTER_TIME_ZONE): DayDistance {
  const hours = Math.trunc((to.getTime() - from.getTime()) / HOUR_MS);
  const days = calendarDaysBetween(from, to, timeZone);
  const size =
    Math.abs(hours) < 1
      ? "< 1 h"
      : Math.abs(hours) < HOURS_SHOWN_BELOW
        ? `${Math.abs(hours)} h`
        : `${Math.abs(days)} d`;
  return { hours, days, size };
}

/** An item's age: "5 h", "52 d" (from when it opened to now). */
export function describeItemAge(openedAt: Date, now: Date, timeZone?: string): string {
  return dayDistance(openedAt, now, timeZone).size;
}

/** When an item breaches, from now: "in 5 h", "52 d ago", "now" (the same days as its age for the same instant). */
export function describeItemDue(dueAt: Date, now: Date, timeZone?: string): string {
  const distance = dayDistance(now, dueAt, timeZone);
  if (distance.size === "< 1 h") return "now";
  return dueAt.getTime() > now.getTime() ? `in ${distance.size}` : `${distance.size} ago`;
}

/** "today", "tomorrow", "in 3 days": a date ahead in calendar days (past dates read "today"). */
export function describeDaysAhead(at: Date, now: Date, timeZone?: string): string {
  const days = Math.max(0, calendarDaysBetween(now, at, timeZone));
  return days === 0 ? "today" : days === 1 ? "tomorrow" : `in ${days} days`;
}
