// Dates as the contractor reads them: in the tenant's own timezone, not the server's or UTC.

import { formatCalendarDate, isDateOnly } from "@pp/ui/format";

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** "Mar 4, 2025" in the tenant's timezone; a date-only "2025-03-04" is that calendar day in any zone. */
export function formatDay(value: Date | string | null | undefined, timeZone: string): string {
  if (isDateOnly(value)) return formatCalendarDate(value);
  return value ? formatter(timeZone, { dateStyle: "medium" }).format(new Date(value)) : "—";
}

/** "Mar 4, 2025, 2:05 PM" in the tenant's timezone. */
export function formatMoment(value: Date | string | null | undefined, timeZone: string): string {
  return value ? formatter(timeZone, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value)) : "—";
}

/** "CST" / "EST": says which clock the times on a page use. */
export function timeZoneAbbreviation(timeZone: string, at = new Date()): string {
  const part = formatter(timeZone, { timeZoneName: "short" })
    .formatToParts(at)
    .find((piece) => piece.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** The calendar day (YYYY-MM-DD) of an instant in the tenant's timezone, for date filters in URLs. */
export function isoDayIn(value: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(value)
      .map((piece) => [piece.type, piece.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}
