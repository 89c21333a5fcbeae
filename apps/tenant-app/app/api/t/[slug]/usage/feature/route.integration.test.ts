import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createMember, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { featureUsage } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "./route";

const PASSWORD = "correct-horse-battery";
let tenant: Tenant;
let other: Tenant;
let cookie = "";
let userId = "";

beforeAll(async () => {
  process.env.AUTH_SECRET = "feature-usage-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  tenant = await createTenant(db, {});
  other = await createTenant(db, {});
  const email = `dispatcher-${randomUUID().slice(0, 8)}@feature.test`;
  const member = await createMember(db, { tenantId: tenant.id, role: "dispatcher", email, password: PASSWORD });
  userId = member.user.id;
  const { getAuth } = await import("../../../../../../lib/auth");
  cookie = await signInCookie(getAuth(), email, PASSWORD);
}, 60_000);

function post(slug: string, body: unknown, withCookie = true) {
  const request = new Request(`${env().tenantAppUrl}/api/t/${slug}/usage/feature`, {
    method: "POST",
    headers: { origin: env().tenantAppUrl, "content-type": "application/json", ...(withCookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return callRoute(POST, request, { slug });
}

describe("POST /api/t/[slug]/usage/feature", () => {
  it("records a browser-only feature use for the member's tenant", async () => {
    const response = await post(tenant.slug, { featureKey: "ExportCsv", metadata: { export: "leads" } });
    expect(response.status).toBe(204);
    const rows = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "ExportCsv")));
    expect(rows).toEqual([expect.objectContaining({ userId, app: "tenant", count: 1, metadata: { export: "leads" } })]);
  });

  it("400s an unknown key naming it, and a server-side key", async () => {
    const unknown = await post(tenant.slug, { featureKey: "LaunchRocket" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toContain('"LaunchRocket" is not a registered feature key');
    const serverSide = await post(tenant.slug, { featureKey: "ApproveDispute" });
    expect(serverSide.status).toBe(400);
    expect((await serverSide.json()).error.message).toContain("recorded by the server");
  });

  it("404s another tenant's slug and 401s without a session", async () => {
    expect((await post(other.slug, { featureKey: "ExportCsv" })).status).toBe(404);
    expect((await post(tenant.slug, { featureKey: "ExportCsv" }, false)).status).toBe(401);
    const [row] = await db.select().from(featureUsage).where(eq(featureUsage.tenantId, other.id));
    expect(row).toBeUndefined();
  });
});
