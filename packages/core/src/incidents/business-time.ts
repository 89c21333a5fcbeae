/**
 * Business time: how much of an interval counts towards an SLA. A calendar is either 24×7 or
 * business hours in an IANA time zone (working weekdays, a daily window, holidays as local
 * dates). Pauses (waiting on the customer) never count. Pure: no clock, no database.
 */

export type BusinessCalendar =
  | { kind: "24x7" }
  | {
      kind: "business_hours";
      timeZone: string;
      /** Working days, 0 = Sunday … 6 = Saturday. */
      days: readonly number[];
      /** Local minutes after midnight the working day starts and ends (540 = 09:00, 1020 = 17:00). */
      startMinute: number;
      endMinute: number;
      /** Local dates (YYYY-MM-DD) on which nothing counts. */
      holidays: readonly string[];
    };

/** A pause from `start` until `end`; an open pause (`end` null) lasts until further notice. */
export type Pause = { start: Date; end: Date | null };

type Span = [number, number];

const DAY_MS = 86_400_000;
/** No SLA spans ten years; a calendar with no working time must not loop for ever. */
const MAX_DAYS = 3_660;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in a zone, as if they were UTC (epoch ms). */
export function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** The zone's offset from UTC at an instant, in ms (New York in winter: −5 h). */
function offsetMs(instant: number, timeZone: string): number {
  return wallClockMs(instant - (instant % 1000), timeZone) - (instant - (instant % 1000));
}

/** The instant a local wall-clock time (given as UTC-epoch fields) happens in the zone. */
function zonedToInstant(wallMs: number, timeZone: string): number {
  const first = wallMs - offsetMs(wallMs, timeZone);
  const second = wallMs - offsetMs(first, timeZone);
  return second;
}

function isoDay(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 10);
}

/** Throws on a calendar that cannot be used (unknown zone, no working day, an empty window). */
export function assertCalendar(calendar: BusinessCalendar): void {
  if (calendar.kind === "24x7") return;
  formatterOf(calendar.timeZone);
  if (calendar.days.length === 0 || calendar.days.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    throw new RangeError("business days must be 0–6 and at least one");
  }
  if (!(calendar.startMinute >= 0 && calendar.startMinute < calendar.endMinute && calendar.endMinute <= 1440)) {
    throw new RangeError("the business window must start before it ends, within one day");
  }
}

/**
 * The working spans of a calendar that overlap [from, to), in order. Local days are walked
 * in the calendar's zone so a DST change moves the window's UTC instants with it.
 */
function workingSpans(calendar: BusinessCalendar, from: number, to: number): Span[] {
  if (to <= from) return [];
  if (calendar.kind === "24x7") return [[from, to]];
  const holidays = new Set(calendar.holidays);
  const spans: Span[] = [];
  const firstWall = wallClockMs(from, calendar.timeZone);
  let dayWall = firstWall - (((firstWall % DAY_MS) + DAY_MS) % DAY_MS);
  for (let i = 0; i < MAX_DAYS; i++, dayWall += DAY_MS) {
    const start = zonedToInstant(dayWall + calendar.startMinute * 60_000, calendar.timeZone);
    if (start >= to) break;
    const weekday = new Date(dayWall).getUTCDay();
    if (!calendar.days.includes(weekday) || holidays.has(isoDay(dayWall))) continue;
    const end = zonedToInstant(dayWall + calendar.endMinute * 60_000, calendar.timeZone);
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (e > s) spans.push([s, e]);
  }
  return spans;
}

/** Spans minus pauses. */
function withoutPauses(spans: Span[], pauses: readonly Pause[], horizon: number): Span[] {
  const cuts = pauses
    .map((pause): Span => [pause.start.getTime(), pause.end ? pause.end.getTime() : horizon])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  if (cuts.length === 0) return spans;
  const result: Span[] = [];
  for (const [spanStart, spanEnd] of spans) {
    let cursor = spanStart;
    for (const [cutStart, cutEnd] of cuts) {
      if (cutEnd <= cursor || cutStart >= spanEnd) continue;
      if (cutStart > cursor) result.push([cursor, cutStart]);
      cursor = Math.max(cursor, cutEnd);
      if (cursor >= spanEnd) break;
    }
    if (cursor < spanEnd) result.push([cursor, spanEnd]);
  }
  return result;
}

/** Business milliseconds between two instants (0 when `to` is not after `from`). */
export function businessMillisBetween(options: {
  calendar: BusinessCalendar;
  from: Date;
  to: Date;
  pauses?: readonly Pause[];
}): number {
  const from = options.from.getTime();
  const to = options.to.getTime();
  const spans = withoutPauses(workingSpans(options.calendar, from, to), options.pauses ?? [], to);
  return spans.reduce((sum, [s, e]) => sum + (e - s), 0);
}

/**
 * The instant at which `millis` of business time have passed since `from` (pauses skipped; an
 * open pause is treated as ending where it started, i.e. as if the clock resumed then).
 */
export function addBusinessMillis(options: {
  calendar: BusinessCalendar;
  from: Date;
  millis: number;
  pauses?: readonly Pause[];
}): Date {
  const from = options.from.getTime();
  let left = Math.max(0, options.millis);
  const pauses = (options.pauses ?? []).map((pause) => ({ start: pause.start, end: pause.end ?? pause.start }));
  if (left === 0) return new Date(from);
  // Walk forward a window at a time; a month of calendar time holds any realistic target.
  let windowStart = from;
  for (let step = 0; step < 120; step++) {
    const windowEnd = windowStart + 30 * DAY_MS;
    for (const [s, e] of withoutPauses(workingSpans(options.calendar, windowStart, windowEnd), pauses, windowEnd)) {
      if (e - s >= left) return new Date(s + left);
      left -= e - s;
    }
    windowStart = windowEnd;
  }
  throw new RangeError("the calendar has no working time to reach this target");
}
