import { apiKeys, apiUsage } from "@pp/db/schema";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  deploymentEnv,
  EXTRA_PORT_BASE,
  insertApiKey,
  type Seeded,
  seededDatabase,
  startInstances,
} from "./harness/instances";

const { databaseUrl } = inject("e2e");

describe("graceful shutdown", () => {
  let seeded: Seeded;
  beforeAll(async () => {
    seeded = await seededDatabase(databaseUrl, "shutdown");
  });
  afterAll(async () => {
    await seeded?.drop();
  });

  it("SIGTERM while API calls flow: every answered request has its usage row, the key's last use is written, exit 0", async () => {
    const key = await insertApiKey(seeded, { name: "shutdown test", rateLimitPerMinute: 100_000 });
    const port = EXTRA_PORT_BASE;
    const url = `http://localhost:${port}`;
    const env = deploymentEnv({ databaseUrl: seeded.url, portalUrl: `http://localhost:${port + 1}`, tenantUrl: url });
    const { apps } = await startInstances([{ name: "tenant", dir: "apps/tenant-app", port }], env);
    const child = apps[0]?.child;
    if (!child) throw new Error("the app did not start");
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

    // Eight clients call the public API in a loop until the server is gone.
    let answered = 0;
    let cutMidBody = 0;
    let gone = false;
    const statuses = new Map<number, number>();
    const client = async () => {
      while (!gone) {
        let response: Response;
        try {
          response = await fetch(`${url}/api/v1/leads?limit=5`, { headers: { authorization: `Bearer ${key.token}` } });
        } catch {
          // Refused: the server stopped accepting. Not answered, so no row is owed.
          await new Promise((resolve) => setTimeout(resolve, 10));
          continue;
        }
        try {
          await response.arrayBuffer();
          answered++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        } catch {
          cutMidBody++;
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);

    // Past the first few hundred requests (some still in the 1 s usage buffer, the last-used times
    // all in memory: that tracker writes every 30 s), then SIGTERM mid-flow.
    const deadline = Date.now() + 30_000;
    while (answered < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const signalledAt = new Date();
    child.kill("SIGTERM");
    const code = await exited;
    gone = true;
    await Promise.all(clients);

    expect(code).toBe(0);
    expect(cutMidBody).toBe(0);
    expect(answered).toBeGreaterThanOrEqual(200);
    expect([...statuses.keys()]).toEqual([200]);
    // Read once, right after the exit: nothing is left to write them later.
    const [written] = await seeded.connection.db
      .select({ rows: count() })
      .from(apiUsage)
      .where(eq(apiUsage.apiKeyId, key.id));
    expect(written?.rows).toBe(answered);
    const [stored] = await seeded.connection.db
      .select({ lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(eq(apiKeys.id, key.id));
    expect(stored?.lastUsedAt).not.toBeNull();
    expect(stored?.lastUsedAt?.getTime()).toBeGreaterThan(signalledAt.getTime() - 2_000);
  });
});
