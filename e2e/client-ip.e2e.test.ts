import { randomUUID } from "node:crypto";
import { createConnection } from "@pp/db";
import { auditEvents } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";

// The apps run behind scripts/lib/serve-app.mjs with no trusted proxy: the client IP is the
// socket's, so a client cannot pick its own by sending X-Forwarded-For or X-Pp-Client-Ip.
const { tenantUrl, databaseUrl } = inject("e2e");

describe("client IP", () => {
  it("rotating X-Forwarded-For is still locked out after 5 failures, and the right password is refused too", async () => {
    const email = `rotating-${randomUUID().slice(0, 8)}@nowhere.test`;
    const attempt = (index: number, password = "wrong-password-1") =>
      fetch(`${tenantUrl}/api/auth/sign-in/email`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: tenantUrl,
          "x-forwarded-for": `198.51.100.${index + 1}`,
          "x-real-ip": `192.0.2.${index + 1}`,
          "x-pp-client-ip": `203.0.113.${index + 1}`,
        },
        body: JSON.stringify({ email, password }),
      });
    const statuses: number[] = [];
    for (let index = 0; index < 8; index += 1) statuses.push((await attempt(index)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);

    // Every failure was recorded with the socket's address, not any address the client sent.
    const connection = createConnection(databaseUrl, 1);
    try {
      const rows = await connection.db
        .select({ ip: auditEvents.ip })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "auth.sign_in_failed"), sql`${auditEvents.metadata}->>'email' = ${email}`));
      expect(rows).toHaveLength(8);
      for (const row of rows) expect(["127.0.0.1", "::1"]).toContain(row.ip);
    } finally {
      await connection.pool.end();
    }
  });
});
