import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { clearApiRateLimitCache } from "@pp/core/api-keys/get-api-rate-limit";
import { revokeApiKey } from "@pp/core/api-keys/revoke-api-key";
import type { StaffActor } from "@pp/core/auth/actors";
import { db } from "@pp/db";
import { createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { resetRateLimiters } from "@pp/http";
import { callRoute, testRequest } from "@pp/http/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET } from "./route";

let actor: StaffActor;
let planLimit: number;
let planId: string;

beforeAll(async () => {
  const { plans } = await ensureReferenceData(db);
  const plan = Object.values(plans)[0];
  if (!plan) throw new Error("no plans seeded");
  planLimit = plan.apiRateLimitPerMinute;
  planId = plan.id;
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  actor = { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
});

afterEach(async () => {
  await resetRateLimiters();
  clearApiRateLimitCache();
});

function me(authorization?: string) {
  return callRoute(GET, testRequest("/api/v1/me", { headers: authorization ? { authorization } : {} }));
}

describe("GET /api/v1/me", () => {
  it("names the key's tenant and the key, under the tenant's plan limit", async () => {
    const tenant = await createTenant(db, { name: "Pipe Pros", planId });
    const key = await createApiKey({ actor, tenantId: tenant.id, name: "CRM", scopes: ["usage:read", "leads:read"] });

    const response = await me(`Bearer ${key.key}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tenant: { id: tenant.id, name: "Pipe Pros", slug: tenant.slug },
      key: { prefix: key.prefix, scopes: ["leads:read", "usage:read"] },
    });
    expect(response.headers.get("ratelimit-policy")).toBe(`"public-api";q=${planLimit};w=60`);
  });

  it("401s without a key, and with a key from its very next request after revocation", async () => {
    const tenant = await createTenant(db, { planId });
    const key = await createApiKey({ actor, tenantId: tenant.id, name: "CRM", scopes: ["leads:read"] });

    const missing = await me();
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe("Bearer");
    expect((await me(`Bearer ${key.key}`)).status).toBe(200);

    await revokeApiKey({ actor, apiKeyId: key.id });
    const revoked = await me(`Bearer ${key.key}`);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.message).toBe("Invalid or revoked API key");
  });

  it("holds a key with its own limit to that limit, in a bucket of its own", async () => {
    const tenant = await createTenant(db, { planId });
    const limited = await createApiKey({
      actor,
      tenantId: tenant.id,
      name: "batch job",
      scopes: ["leads:read"],
      rateLimitPerMinute: 2,
    });
    const other = await createApiKey({ actor, tenantId: tenant.id, name: "website", scopes: ["leads:read"] });

    const statuses = [];
    for (let call = 0; call < 3; call++) statuses.push((await me(`Bearer ${limited.key}`)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await me(`Bearer ${limited.key}`);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(refused.headers.get("ratelimit-policy")).toBe(`"public-api";q=2;w=60`);
    // The tenant's other keys are not held to it.
    expect((await me(`Bearer ${other.key}`)).status).toBe(200);
  });
});
