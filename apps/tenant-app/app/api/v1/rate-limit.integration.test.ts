import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { clearApiRateLimitCache, getApiRateLimit } from "@pp/core/api-keys/get-api-rate-limit";
import type { StaffActor } from "@pp/core/auth/actors";
import { listTenantUsage } from "@pp/core/usage/list-tenant-usage";
import { setTenantRateLimit } from "@pp/core/usage/set-tenant-rate-limit";
import { getUsageBuffer } from "@pp/core/usage/usage-buffer";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { tenantRateLimits } from "@pp/db/schema";
import { resetRateLimiters } from "@pp/http";
import { callRoute, testRequest } from "@pp/http/testing";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as LIST } from "./leads/route";

let actor: StaffActor;

beforeAll(async () => {
  await ensureReferenceData(db);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  actor = { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
});

afterEach(async () => {
  await resetRateLimiters();
  clearApiRateLimitCache();
});

async function keyedTenant(name: string) {
  const tenant = await createTenant(db, { name });
  const { key } = await createApiKey({ actor, tenantId: tenant.id, name: "crm", scopes: ["leads:read"] });
  const list = () =>
    callRoute(LIST, testRequest("/api/v1/leads", { headers: { authorization: `Bearer ${key}` } })).then(
      (response) => response.status,
    );
  return { tenant, list };
}

describe("a tenant's public API limit", () => {
  it("refuses calls over it with 429s the API Usage dashboard counts, and a raised limit applies", async () => {
    const { tenant, list } = await keyedTenant("Busy Plumbing");
    await setTenantRateLimit({ actor, tenantId: tenant.id, requestsPerMinute: 3, reason: "trial cap" });

    const statuses = [];
    for (let call = 0; call < 5; call++) statuses.push(await list());
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    await getUsageBuffer().flush();
    const table = await listTenantUsage({ filters: { range: "24h", tenantId: tenant.id } });
    expect(table.data).toHaveLength(1);
    expect(table.data[0]).toMatchObject({
      requests: 5,
      rateLimited: 2,
      peakMinuteRequests: 5,
      limit: 3,
      limitSource: "override",
    });

    // Staff raise it from the dashboard: this instance applies it on the next request.
    const saved = await setTenantRateLimit({ actor, tenantId: tenant.id, requestsPerMinute: 10, reason: "launch" });
    expect(saved.effectiveWithinSeconds).toBeLessThanOrEqual(60);
    expect(await list()).toBe(200);
  });

  it("reaches every other instance within a minute: a cached limit lives 30 s", async () => {
    const { tenant } = await keyedTenant("Shared Plumbing");
    await db.insert(tenantRateLimits).values({ tenantId: tenant.id, requestsPerMinute: 3 });
    const start = new Date("2026-11-27T10:00:00Z");
    await expect(getApiRateLimit({ tenantId: tenant.id, now: start })).resolves.toBe(3);

    // Another instance saves a new limit: this one keeps its cached value for at most 30 s.
    await db.update(tenantRateLimits).set({ requestsPerMinute: 7 }).where(eq(tenantRateLimits.tenantId, tenant.id));
    await expect(getApiRateLimit({ tenantId: tenant.id, now: new Date(start.getTime() + 29_000) })).resolves.toBe(3);
    await expect(getApiRateLimit({ tenantId: tenant.id, now: new Date(start.getTime() + 31_000) })).resolves.toBe(7);
  });
});
