import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";

/** A fresh time-ordered id (UUID v7), the format of every primary key, Better Auth users included. */
export function newId(): string {
  return uuidv7();
}

/** A short random suffix for unique names and slugs in tests. */
export function uniqueSuffix(): string {
  return randomBytes(4).toString("hex");
}

/** A strong random password (~143 bits) that is still easy to paste from a terminal. */
export function generatePassword(): string {
  return `${randomBytes(18).toString("base64url")}-Aa1`;
}

/** Lower-case, dash-separated, at most 63 characters: the tenants_slug_format the database enforces. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/g, "");
}

const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export { DAY_MS };

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
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

/** Midnight UTC of the day `date` falls on. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** `YYYY-MM-DD` of a UTC day, the form SQL `date` parameters take. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
