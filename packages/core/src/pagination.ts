import { z } from "zod";
import { AppError, isAppError } from "./errors";
import { findUnstorableValue } from "./input/storable";
import { zIntParam } from "./input/zod-pieces";

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;
const MAX_CURSOR_LENGTH = 2048;

/** `?limit=&cursor=` on every list route. */
export const ZPageQuery = z.object({
  limit: zIntParam({ min: 1, max: MAX_PAGE_SIZE }).default(DEFAULT_PAGE_SIZE),
  cursor: z.string().min(1).max(MAX_CURSOR_LENGTH).optional(),
});
export type TPageQuery = z.output<typeof ZPageQuery>;

/** The one paginated shape: `nextCursor` is null on the last page. */
export type Page<T> = { data: T[]; nextCursor: string | null };

/** The response schema of a page of `item`, for OpenAPI and client parsing. */
export function ZPage<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** An opaque cursor: base64url JSON of the sort keys of the last row shown. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Reads a cursor back; anything that did not come from encodeCursor with this shape is a 400. */
export function decodeCursor<Schema extends z.ZodType>(cursor: string, schema: Schema): z.output<Schema> {
  const json = parseCursorJson(cursor);
  // A hand-made cursor must not smuggle in what the database cannot hold (NUL, lone surrogates).
  if (findUnstorableValue(json)) throw invalidCursor();
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw invalidCursor();
  return parsed.data;
}

function parseCursorJson(cursor: string): unknown {
  // Node's base64 decoder skips characters it does not know, so check the alphabet first.
  if (cursor.length > MAX_CURSOR_LENGTH || !BASE64URL.test(cursor)) throw invalidCursor();
  try {
    return JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
}

function invalidCursor(): AppError {
  const message = "is not a cursor from this list — start again from the first page";
  return new AppError("validation_failed", `Invalid query parameter "cursor": ${message}`, {
    details: [{ path: "cursor", message }],
  });
}

/**
 * Callers fetch `limit + 1` rows; the extra row only says whether another page exists.
 * `cursorOf` picks the sort keys of the last row shown.
 */
export function page<Row, Position>(rows: readonly Row[], limit: number, cursorOf: (row: Row) => Position): Page<Row> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null;
  return { data, nextCursor };
}

/** True for the 400 decodeCursor throws: the URL's cursor is not one this list can read any more. */
export function isStaleCursorError(error: unknown): boolean {
  return (
    isAppError(error) &&
    error.code === "validation_failed" &&
    Array.isArray(error.details) &&
    error.details.some(
      (issue: unknown) => typeof issue === "object" && issue !== null && "path" in issue && issue.path === "cursor",
    )
  );
}

/**
 * A list page's load that never fails on an old link: when the cursor no longer decodes (an old
 * bookmark, a changed sort, a hand-edited URL) it loads the first page and says so, so the page
 * can show a note instead of an error.
 */
export async function loadFirstPageIfStale<Result>(
  cursor: string | undefined,
  load: (cursor: string | undefined) => Promise<Result>,
): Promise<{ result: Result; staleCursor: boolean }> {
  try {
    return { result: await load(cursor), staleCursor: false };
  } catch (error) {
    if (cursor === undefined || !isStaleCursorError(error)) throw error;
    return { result: await load(undefined), staleCursor: true };
  }
}
