import { pgErrorOf } from "@pp/db";

/**
 * PostgreSQL's data exceptions that only a sent value causes: too long, numeric or date out of
 * range, bad date or number syntax, NUL or invalid UTF-8, invalid escapes in a LIKE pattern.
 * (Division by zero and the like are in class 22 too, but they are our bugs: they stay 500s.)
 */
const VALUE_REFUSALS = new Set(["22001", "22003", "22007", "22008", "22019", "22021", "22025", "22P02", "22P05"]);

/** True when PostgreSQL refused a value that came in with the request. */
export function isDataException(error: unknown): boolean {
  const code = pgErrorOf(error)?.code;
  return code !== undefined && VALUE_REFUSALS.has(code);
}
