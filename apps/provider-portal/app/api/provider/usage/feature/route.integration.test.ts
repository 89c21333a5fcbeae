import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createStaffUser, ensureReferenceData } from "@pp/db/factories";
import { featureUsage } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "./route";

const PASSWORD = "correct-horse-battery";
let cookie = "";
let userId = "";

beforeAll(async () => {
  process.env.AUTH_SECRET = "portal-feature-usage-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const email = `viewer-${randomUUID().slice(0, 8)}@feature.test`;
  const { user } = await createStaffUser(db, { email, role: "viewer", password: PASSWORD });
  userId = user.id;
  const { getAuth } = await import("../../../../../lib/auth");
  cookie = await signInCookie(getAuth(), email, PASSWORD);
}, 60_000);

function post(body: unknown, withCookie = true) {
  return callRoute(
    POST,
    new Request(`${env().portalUrl}/api/provider/usage/feature`, {
      method: "POST",
      headers: { origin: env().portalUrl, "content-type": "application/json", ...(withCookie ? { cookie } : {}) },
      body: JSON.stringify(body),
    }),
  );
}

describe("POST /api/provider/usage/feature", () => {
  it("records a browser-only feature use for any staff member, with no tenant", async () => {
    const response = await post({ featureKey: "OpenCommandPalette" });
    expect(response.status).toBe(204);
    const rows = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.userId, userId), eq(featureUsage.featureKey, "OpenCommandPalette")));
    expect(rows).toEqual([expect.objectContaining({ app: "portal", tenantId: null, metadata: {} })]);
  });

  it("400s an unknown key naming it, or oversized metadata; 401s without a session", async () => {
    const unknown = await post({ featureKey: "OpenPalette" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('"OpenPalette" is not a registered feature key');
    const big = await post({ featureKey: "ExportCsv", metadata: { blob: "x".repeat(3_000) } });
    expect(big.status).toBe(400);
    expect((await big.json()).error.message).toContain('"metadata"');
    expect((await post({ featureKey: "ExportCsv" }, false)).status).toBe(401);
  });
});
