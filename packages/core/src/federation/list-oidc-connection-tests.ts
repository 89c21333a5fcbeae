import { db, type Executor } from "@pp/db";
import { oidcConnectionTests, users } from "@pp/db/schema";
import { desc, eq } from "drizzle-orm";
import { getOidcConnectionOrThrow } from "./get-oidc-connection";
import type { OidcTestCheck } from "./oidc-test-checks";

export type OidcConnectionTestEntry = {
  id: string;
  result: "pass" | "fail";
  checks: OidcTestCheck[];
  testedBy: { id: string; name: string } | null;
  at: Date;
};

const MAX_HISTORY = 100;

/** A connection's test history, newest first (the last 100 runs). */
export async function listOidcConnectionTests(
  options: { connectionId: string; limit?: number },
  executor: Executor = db,
): Promise<{ data: OidcConnectionTestEntry[] }> {
  const connection = await getOidcConnectionOrThrow({ connectionId: options.connectionId }, executor);
  const rows = await executor
    .select({
      id: oidcConnectionTests.id,
      passed: oidcConnectionTests.passed,
      checks: oidcConnectionTests.checks,
      at: oidcConnectionTests.at,
      testerId: users.id,
      testerName: users.name,
    })
    .from(oidcConnectionTests)
    .leftJoin(users, eq(users.id, oidcConnectionTests.testedBy))
    .where(eq(oidcConnectionTests.connectionId, connection.id))
    .orderBy(desc(oidcConnectionTests.at), desc(oidcConnectionTests.id))
    .limit(Math.min(Math.max(options.limit ?? 25, 1), MAX_HISTORY));
  return {
    data: rows.map((row) => ({
      id: row.id,
      result: row.passed === "pass" ? "pass" : "fail",
      checks: row.checks as OidcTestCheck[],
      testedBy: row.testerId !== null && row.testerName !== null ? { id: row.testerId, name: row.testerName } : null,
      at: row.at,
    })),
  };
}
