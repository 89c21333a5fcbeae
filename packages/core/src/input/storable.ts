/**
 * What PostgreSQL can hold, checked before any query: text without U+0000 or unpaired UTF-16
 * surrogates, int4 integers, and instants in years 1–9999 (timestamptz goes further, but a JS
 * date past 9999 or before year 1 is sent as `+010000-…` / `0000-…`, which it refuses).
 */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;
export const MIN_STORABLE_TIME = Date.parse("0001-01-01T00:00:00.000Z");
export const MAX_STORABLE_TIME = Date.parse("9999-12-31T23:59:59.999Z");

/** How deep and how large a JSON request may be before anything reads it. */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_ENTRIES = 10_000;

export const UNSTORABLE_TEXT_MESSAGE = "must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates";

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** False for text PostgreSQL refuses to store: U+0000 anywhere, or a lone surrogate half. */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}

/** True when a Date can be written to a timestamptz column and read back as the same instant. */
export function isStorableTime(date: Date): boolean {
  const time = date.getTime();
  return Number.isFinite(time) && time >= MIN_STORABLE_TIME && time <= MAX_STORABLE_TIME;
}

/** `date`, or the last storable instant when it lies beyond it (an open-ended "to 9999-12-31" filter). */
export function clampToStorable(date: Date): Date {
  if (date.getTime() > MAX_STORABLE_TIME) return new Date(MAX_STORABLE_TIME);
  if (date.getTime() < MIN_STORABLE_TIME) return new Date(MIN_STORABLE_TIME);
  return date;
}

export type UnstorableValue = {
  /** Dotted path to the bad key or value ("contact.name", "items.2"); "" for the value itself. */
  path: string;
  problem: "text" | "depth" | "size";
  message: string;
};

/**
 * The first place in a parsed JSON value (or query/params record) that cannot be stored: a string
 * or key with NUL or a lone surrogate, nesting deeper than `MAX_JSON_DEPTH`, or more than
 * `MAX_JSON_ENTRIES` keys and items in all. Undefined when the whole value is fine.
 */
export function findUnstorableValue(value: unknown): UnstorableValue | undefined {
  let entries = 0;
  const visit = (current: unknown, path: string[], depth: number): UnstorableValue | undefined => {
    if (typeof current === "string") {
      return isStorableText(current)
        ? undefined
        : { path: path.join("."), problem: "text", message: UNSTORABLE_TEXT_MESSAGE };
    }
    if (!isPlainContainer(current)) return undefined;
    if (depth >= MAX_JSON_DEPTH) {
      return {
        path: path.join("."),
        problem: "depth",
        message: `must not nest more than ${MAX_JSON_DEPTH} levels deep`,
      };
    }
    const pairs: [string, unknown][] = Array.isArray(current)
      ? current.map((item, index) => [String(index), item])
      : Object.entries(current);
    for (const [key, inner] of pairs) {
      entries += 1;
      if (entries > MAX_JSON_ENTRIES) {
        return { path: "", problem: "size", message: `must not hold more than ${MAX_JSON_ENTRIES} fields and items` };
      }
      const innerPath = [...path, key];
      if (!isStorableText(key))
        return { path: innerPath.join("."), problem: "text", message: `name ${UNSTORABLE_TEXT_MESSAGE}` };
      const found = visit(inner, innerPath, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(value, [], 0);
}

// JSON's own shapes only: Dates, byte arrays and class instances a domain caller passes are not walked.
function isPlainContainer(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
