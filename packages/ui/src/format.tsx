// Display formatting shared by both apps, so money and dates read the same everywhere.

const money = new Map<string, Intl.NumberFormat>();

/** 123456 → "$1,234.56"; whole dollars drop the cents when `compact`. */
export function formatCents(cents: number, currency = "USD", { compact = false } = {}): string {
  const key = `${currency}:${compact}`;
  let format = money.get(key);
  if (!format) {
    format = new Intl.NumberFormat("en-US", {
      style: "currency",
      currency,
      minimumFractionDigits: compact ? 0 : 2,
      maximumFractionDigits: compact ? 0 : 2,
    });
    money.set(key, format);
  }
  // A typographic minus, so a credit line reads like the "−$35.00" of the totals under it.
  return format.format(cents / 100).replace("-", "−");
}

const count = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return count.format(value);
}

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const moment = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** "Mar 4, 2026" (UTC, so server and browser render the same text). */
export function formatDate(value: Date | string | null | undefined): string {
  return value ? day.format(new Date(value)) : "—";
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "2026-03-01" → "Mar 1, 2026" wherever the reader is: a date-only value is a calendar date, not
 * a UTC midnight that a time zone west of Greenwich would show as the day before. Anything else
 * is an instant and reads as formatDate does.
 */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return "—";
  const match = DATE_ONLY.exec(value);
  if (!match) return formatDate(value);
  return day.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** True for "2026-03-01": a calendar date rather than an instant. */
export function isDateOnly(value: unknown): value is string {
  return typeof value === "string" && DATE_ONLY.test(value);
}

/**
 * The last calendar day (UTC) before an exclusive end: a key that "works through 1 March" is stored
 * as ending at 2026-03-02T00:00Z, and reads "Mar 1, 2026", not "Mar 2".
 */
export function lastDayBefore(end: Date | string): string {
  return new Date(new Date(end).getTime() - 1).toISOString().slice(0, 10);
}

/** "Mar 4, 2026, 2:05 PM UTC". */
export function formatDateTime(value: Date | string | null | undefined): string {
  return value ? `${moment.format(new Date(value))} UTC` : "—";
}

/** Whole hours since something opened: "< 1 h", "5 h", "3 d" (`long`: "Under an hour", "5 h", "3 days"). */
export function describeAge(hours: number, { long = false } = {}): string {
  if (hours < 1) return long ? "Under an hour" : "< 1 h";
  if (hours < 48) return `${Math.floor(hours)} h`;
  const days = Math.floor(hours / 24);
  return long ? `${days} days` : `${days} d`;
}

const percents = new Map<number, Intl.NumberFormat>();

/** A ratio as a percentage: 0.1234 → "12.3%" (`digits` = most fraction digits shown). */
export function formatPercent(ratio: number, digits = 1): string {
  let format = percents.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: digits });
    percents.set(digits, format);
  }
  return format.format(ratio);
}

const BYTE_UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 → "1.5 KB" (binary steps of 1024; whole bytes stay whole). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** Dollars typed by a person ("149", "149.5", "$1,490.00") → cents, or NaN so the server names the field. */
export function centsOf(dollars: string): number {
  const cleaned = dollars.replace(/[$,\s]/g, "");
  if (cleaned === "" || !/^-?\d+(\.\d{1,2})?$/.test(cleaned)) return Number.NaN;
  return Math.round(Number(cleaned) * 100);
}

export function dollarsOf(cents: number | null | undefined): string {
  return cents === null || cents === undefined ? "" : (cents / 100).toFixed(2);
}
