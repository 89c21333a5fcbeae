import pg from "pg";

/** The PostgreSQL error behind a (possibly Drizzle-wrapped) error, if there is one. */
export function pgErrorOf(error: unknown): pg.DatabaseError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof pg.DatabaseError) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}

export const PG_UNIQUE_VIOLATION = "23505";
export const PG_CHECK_VIOLATION = "23514";
export const PG_FOREIGN_KEY_VIOLATION = "23503";

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = pgErrorOf(error);
  return pgError?.code === PG_UNIQUE_VIOLATION && (!constraint || pgError.constraint === constraint);
}
