// Calendar arithmetic in UTC, shared by the domain (billing periods, retry schedules) and the
// factories and seeds that build the same histories.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export const WEEK_MS = 7 * DAY_MS;

/** The ISO week's start (Monday 00:00 UTC) on or before `date`: PostgreSQL's date_trunc('week', …, 'UTC'). */
export function startOfWeek(date: Date): Date {
  const days = Math.floor(date.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is the days since Monday.
  return new Date((days - ((((days + 3) % 7) + 7) % 7)) * DAY_MS);
}

/** The first ISO week start on or after a day's start (00:00 UTC). */
export function weekStartOnOrAfter(dayStart: Date): Date {
  return startOfWeek(new Date(dayStart.getTime() + WEEK_MS - DAY_MS));
}

/** Same day of month `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(date.getUTCDate(), lastDay),
      date.getUTCHours(),
      date.getUTCMinutes(),
      date.getUTCSeconds(),
      date.getUTCMilliseconds(),
    ),
  );
}

/** "Mar 3, 2025" in UTC: the form dates take in messages, emails and invoice lines. */
export function formatUtcDate(date: Date): string {
  return date.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
}
