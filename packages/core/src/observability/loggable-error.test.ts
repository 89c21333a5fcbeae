import pg from "pg";
import { describe, expect, it } from "vitest";
import { captureLogs } from "../testing";

/** What Drizzle throws when PostgreSQL refuses a query: the SQL, its parameters, the driver's error. */
function failedQuery(): Error {
  const cause = new pg.DatabaseError('duplicate key value violates unique constraint "users_email_key"', 0, "error");
  cause.code = "23505";
  cause.constraint = "users_email_key";
  cause.detail = "Key (email)=(jane@example.test) already exists.";
  return Object.assign(
    new Error('Failed query: insert into "users" ("email") values ($1)\nparams: jane@example.test', { cause }),
    { query: 'insert into "users" ("email") values ($1)', params: ["jane@example.test"] },
  );
}

describe("every logger's `err`", () => {
  it("names a failed query by its SQL and PostgreSQL's code and constraint, never its parameters", () => {
    const { logger, lines } = captureLogs();
    logger.error({ err: failedQuery() }, "job failed");
    expect(JSON.stringify(lines)).not.toContain("jane@example.test");
    expect(lines[0]?.err).toMatchObject({
      query: 'insert into "users" ("email") values ($1)',
      code: "23505",
      constraint: "users_email_key",
    });
  });

  it("logs any other error with its message and stack, as before", () => {
    const { logger, lines } = captureLogs();
    logger.error({ err: new Error("the calendar feed timed out") }, "sync failed");
    expect(lines[0]?.err).toMatchObject({ type: "Error", message: "the calendar feed timed out" });
    const logged = lines[0]?.err as { stack?: string } | undefined;
    expect(logged?.stack).toContain("loggable-error.test.ts");
  });
});
