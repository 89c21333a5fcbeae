/** One top-level field of an audited change: its value before and after, and whether it changed. */
export type DiffRow = { key: string; before: unknown; after: unknown; changed: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Field-by-field comparison of an event's before/after. Objects compare per top-level key (in
 * first-seen order); anything else (a created or deleted row, a scalar) is one row named "value".
 */
export function diffAuditChange(before: unknown, after: unknown): DiffRow[] {
  if (before === null && after === null) return [];
  const beforeRecord = isRecord(before) ? before : before === null ? {} : undefined;
  const afterRecord = isRecord(after) ? after : after === null ? {} : undefined;
  if (!beforeRecord || !afterRecord) {
    return [{ key: "value", before, after, changed: !sameJson(before, after) }];
  }
  const keys = [...new Set([...Object.keys(beforeRecord), ...Object.keys(afterRecord)])];
  return keys.map((key) => {
    const previous = key in beforeRecord ? beforeRecord[key] : undefined;
    const next = key in afterRecord ? afterRecord[key] : undefined;
    return { key, before: previous, after: next, changed: !sameJson(previous, next) };
  });
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A value as pretty JSON; `undefined` (the field did not exist) reads as an em dash. */
export function prettyJson(value: unknown): string {
  return value === undefined ? "—" : JSON.stringify(value, null, 2);
}
