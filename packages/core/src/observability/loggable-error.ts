import { pgErrorOf } from "@pp/db";
import pino from "pino";

const QUERY_SUMMARY_LENGTH = 160;

/**
 * An unknown error as the log line may hold it: a failed query is named by its SQL text (which has
 * `$1` placeholders, never values) and PostgreSQL's code, constraint, table and column. The bound
 * parameters, the error message and `detail` (which quote the values: emails, names, addresses)
 * never reach the log. Other errors are logged as they are, stack included.
 */
export function loggableError(error: unknown): unknown {
  const pgError = pgErrorOf(error);
  const query = queryOf(error);
  if (!pgError && query === undefined) return error;
  return {
    type: error instanceof Error ? error.name : typeof error,
    ...(query === undefined ? {} : { query: summarizeQuery(query) }),
    ...(pgError
      ? {
          code: pgError.code,
          severity: pgError.severity,
          routine: pgError.routine,
          constraint: pgError.constraint,
          table: pgError.table,
          column: pgError.column,
          dataType: pgError.dataType,
        }
      : {}),
    stack: framesOf(error),
  };
}

// Drizzle's DrizzleQueryError carries `query` and `params`; only the SQL text is kept.
function queryOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if ("query" in current && typeof current.query === "string") return current.query;
    current = current.cause;
  }
  return undefined;
}

function summarizeQuery(query: string): string {
  const oneLine = query.replace(/\s+/g, " ").trim();
  return oneLine.length > QUERY_SUMMARY_LENGTH ? `${oneLine.slice(0, QUERY_SUMMARY_LENGTH)}…` : oneLine;
}

/** The stack's frames without its first line, which repeats the message (and Drizzle's params). */
function framesOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .join("\n");
}

/** pino's `err` serializer: failed queries through `loggableError`, any other error as pino logs it. */
export function serializeLoggedError(error: unknown): unknown {
  const safe = loggableError(error);
  if (safe !== error || !(error instanceof Error)) return safe;
  return pino.stdSerializers.err(error);
}
