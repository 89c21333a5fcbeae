import { z } from "zod";
import {
  INT4_MAX,
  INT4_MIN,
  isStorableText,
  isStorableTime,
  MAX_STORABLE_TIME,
  MIN_STORABLE_TIME,
  UNSTORABLE_TEXT_MESSAGE,
} from "./storable";

/**
 * The shared zod pieces every schema builds on, so no route can forget what the database cannot
 * hold: text without NUL or lone surrogates, whole numbers within int4 (never booleans), money in
 * int4 cents, instants and days in years 1–9999.
 */

const TOO_LARGE = `is too large (at most ${INT4_MAX.toLocaleString("en-US")})`;
const TOO_SMALL = `is too small (at least ${INT4_MIN.toLocaleString("en-US")})`;
const OUT_OF_RANGE_TIME = "must be between the years 1 and 9999";

/** Text PostgreSQL can store, at most `max` characters; chain `.trim()`, `.min()`, `.regex()` as usual. */
export function zText(max: number, message = "must be text") {
  return z
    .string(message)
    .max(max, `must be at most ${max.toLocaleString("en-US")} characters`)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

/** A whole number an int4 column holds. `true` is not a number (`z.coerce` would make it 1). */
export function zWholeNumber(message = "must be a whole number") {
  return z.number(message).int("must be a whole number").min(INT4_MIN, TOO_SMALL).max(INT4_MAX, TOO_LARGE);
}

/** A count (leads, redemptions, requests per minute, days): a whole number, 0 or more. */
export function zCount(message = "must be a whole number") {
  return zWholeNumber(message).min(0, "must be 0 or more");
}

/** Money in integer cents, 0 or more (a credit or refund is its own kind of line, never a negative price). */
export function zMoneyCents(message = "must be an amount in cents") {
  return zWholeNumber(message).min(0, "must be 0 or more");
}

/**
 * A query-string (or form) number: digits in a string become a number, and then `schema` decides.
 * Booleans and blank strings stay what they are, so they fail as "must be a number".
 */
export function zNumberParam<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : value), schema);
}

/** A query-string whole number: `?limit=25`, bounded by `min`/`max` (within int4). */
export function zIntParam(options: { min: number; max: number; message?: string }) {
  const message = options.message ?? "must be a whole number";
  return zNumberParam(
    z
      .number(message)
      .int("must be a whole number")
      .min(Math.max(options.min, INT4_MIN), `must be at least ${options.min.toLocaleString("en-US")}`)
      .max(Math.min(options.max, INT4_MAX), `must be at most ${options.max.toLocaleString("en-US")}`),
  );
}

/**
 * An instant as a Date: a Date, or an ISO 8601 date or date-time string, in years 1–9999.
 * Unlike `z.coerce.date()` it refuses numbers and booleans (`true` is not 1970-01-01T00:00:00.001Z).
 */
export function zInstant(message = "must be a date or date-time") {
  return z.union([z.date(), z.string()], message).transform((value, context) => {
    const date = typeof value === "string" ? parseIsoInstant(value) : value;
    if (!date) {
      context.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    if (!isStorableTime(date)) {
      context.addIssue({ code: "custom", message: OUT_OF_RANGE_TIME });
      return z.NEVER;
    }
    return date;
  });
}

/** An ISO 8601 date-time with an offset (`2026-01-31T09:00:00Z`), kept as the string, in years 1–9999. */
export function zIsoDateTime(message = "must be an ISO 8601 date-time like 2026-01-31T00:00:00Z") {
  return z.iso.datetime({ offset: true, message }).refine(isStorableIsoText, OUT_OF_RANGE_TIME);
}

/** A UTC day `YYYY-MM-DD`, kept as the string, in years 1–9999 (`0000-01-01` is no day PostgreSQL knows). */
export function zDay(message = "must be a date like 2026-01-31") {
  return z.iso.date(message).refine(isStorableIsoText, OUT_OF_RANGE_TIME);
}

/** A filter bound: a day or an ISO date-time with offset, kept as the string, in years 1–9999. */
export function zDateFilter(message = "must be a date or an ISO timestamp") {
  return z
    .union([z.iso.date(message), z.iso.datetime({ offset: true, message })], message)
    .refine(isStorableIsoText, OUT_OF_RANGE_TIME);
}

// Date-only strings are UTC midnight; anything else must carry a time (and is parsed as ISO 8601).
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function parseIsoInstant(text: string): Date | undefined {
  const trimmed = text.trim();
  if (!ISO_DAY.test(trimmed) && !ISO_DATE_TIME.test(trimmed)) return undefined;
  const date = new Date(ISO_DAY.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function isStorableIsoText(text: string): boolean {
  const date = new Date(ISO_DAY.test(text) ? `${text}T00:00:00Z` : text);
  const time = date.getTime();
  return Number.isFinite(time) && time >= MIN_STORABLE_TIME && time <= MAX_STORABLE_TIME;
}
