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

export { addDays, addMonths, DAY_MS, HOUR_MS, MINUTE_MS } from "../dates";

/** Midnight UTC of the day `date` falls on. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** `YYYY-MM-DD` of a UTC day, the form SQL `date` parameters take. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
