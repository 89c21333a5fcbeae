import { randomUUID } from "node:crypto";
import { evaluateAlerts } from "@pp/core/alerts/evaluate-alerts";
import { getUsageBuffer } from "@pp/core/usage/usage-buffer";
import { db } from "@pp/db";
import { createStaffUser, ensureReferenceData } from "@pp/db/factories";
import { alerts } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute } from "@pp/http/testing";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as LIST_KEYS } from "./keys/route";

const PASSWORD = "correct-horse-battery";
let cookie = "";

beforeAll(async () => {
  process.env.AUTH_SECRET = "slo-burn-route-test-secret-of-enough-length";
  // The 500s below are on purpose; their error logs would only bury the test output.
  process.env.LOG_LEVEL = "silent";
  resetEnv();
  await ensureReferenceData(db);
  const email = `ops-${randomUUID().slice(0, 8)}@slo.test`;
  await createStaffUser(db, { role: "operations", email, password: PASSWORD });
  const { getAuth } = await import("../../../lib/auth");
  const response = await getAuth().api.signInEmail({ body: { email, password: PASSWORD }, asResponse: true });
  cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}, 60_000);

function listKeys(): Promise<Response> {
  return callRoute(
    LIST_KEYS,
    new Request(`${env().portalUrl}/api/federation/keys`, { headers: { cookie, origin: env().portalUrl } }),
  );
}

async function firingFingerprints(): Promise<string[]> {
  const rows = await db.execute<{ fingerprint: string }>(
    sql`select fingerprint from alerts where status = 'firing' and fingerprint like 'slo:federation:%' order by fingerprint`,
  );
  return rows.rows.map((row) => row.fingerprint);
}

describe("federation SLO alerts from real requests", () => {
  it("slow then failing /api/federation/keys responses open the fast-burn alerts; once traffic stops they resolve", async () => {
    expect((await listKeys()).status).toBe(200);

    // Slow: a migration-style lock holds api_keys for 800 ms while 24 requests wait on it.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const locked = new Promise<void>((resolveLocked) => {
      void db.transaction(async (tx) => {
        await tx.execute(sql`lock table api_keys in access exclusive mode`);
        resolveLocked();
        await held;
      });
    });
    await locked;
    const slow = Array.from({ length: 24 }, () => listKeys());
    await new Promise((resolve) => setTimeout(resolve, 800));
    release();
    expect((await Promise.all(slow)).map((response) => response.status)).toEqual(Array(24).fill(200));
    await getUsageBuffer().flush();
    const slowPass = await evaluateAlerts({ now: new Date() });
    // 24 of 25 requests over 500 ms: 96 % against a 5 % budget, 19× in both windows.
    expect(slowPass.opened).toContain("slo:federation:latency:fast");
    expect(await firingFingerprints()).not.toContain("slo:federation:availability:fast");

    // Failing: the table the route reads is gone (a broken deploy); every request is a real 500.
    await db.execute(sql`alter table api_keys rename to api_keys_offline`);
    try {
      const failed = [];
      for (let i = 0; i < 30; i++) failed.push((await listKeys()).status);
      expect(new Set(failed)).toEqual(new Set([500]));
    } finally {
      await db.execute(sql`alter table api_keys_offline rename to api_keys`);
    }
    await getUsageBuffer().flush();
    const failingPass = await evaluateAlerts({ now: new Date() });
    // 30 of 55 answered 500: 55 % against a 0.1 % budget.
    expect(failingPass.opened).toContain("slo:federation:availability:fast");
    // The fast 500s dilute the slow share to 24 of 55 (44 %, 8.7×): the latency alert clears on its own.
    expect(failingPass.resolved).toContain("slo:federation:latency:fast");
    expect((await evaluateAlerts({ now: new Date() })).opened).toEqual([]);
    const open = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${alerts} where fingerprint = 'slo:federation:availability:fast'`,
    );
    expect(open.rows[0]?.n).toBe(1);

    // Traffic stops; six minutes on the 5-minute window is empty and the availability alert resolves.
    const later = new Date(Date.now() + 6 * 60_000);
    const clearedPass = await evaluateAlerts({ now: later });
    expect(clearedPass.resolved).toContain("slo:federation:availability:fast");
    expect(await firingFingerprints()).not.toContain("slo:federation:availability:fast");
    expect(await firingFingerprints()).not.toContain("slo:federation:latency:fast");
  }, 120_000);
});
