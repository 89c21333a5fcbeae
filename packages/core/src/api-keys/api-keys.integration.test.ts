import { db } from "@pp/db";
import { createMember, createStaffUser, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { apiKeys, auditEvents, featureUsage, tenantRateLimits, tenants } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { MemberActor, StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { hashApiKeyToken } from "./api-key-token";
import { authenticateApiKey, clearApiKeyCache } from "./authenticate-api-key";

import { createApiKey, MAX_ACTIVE_KEYS_PER_TENANT } from "./create-api-key";
import { clearApiRateLimitCache, getApiRateLimit } from "./get-api-rate-limit";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

// The cache age a deployment may set with API_KEY_CACHE_MS (default 0: no cache).
const API_KEY_CACHE_MS = 1_000;

async function staffActor(): Promise<StaffActor> {
  const { user, staff } = await createStaffUser(db, { role: "admin", name: "Ada Admin" });
  return { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
}

async function ownerOf(tenant: Tenant, role: MemberActor["role"] = "owner"): Promise<MemberActor> {
  const { user } = await createMember(db, { tenantId: tenant.id, role, name: "Olive Owner" });
  return {
    kind: "member",
    userId: user.id,
    email: user.email,
    name: user.name,
    role,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "s",
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/** Every table whose any row, as text, contains `needle`: the whole database, not one table. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await db.execute<{ name: string }>(
    sql`select quote_ident(table_name) as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables.rows) {
    const hit = await db.execute(sql`select 1 from ${sql.raw(name)} t where t::text like ${`%${needle}%`} limit 1`);
    if (hit.rows.length > 0) found.push(name);
  }
  return found;
}

describe("createApiKey", () => {
  it("returns the whole key once; the database keeps only its hash and prefix", async () => {
    const tenant = await createTenant(db, { name: "Drip Doctors" });
    const actor = await staffActor();

    const created = await createApiKey({
      actor,
      tenantId: tenant.id,
      name: "  Zapier  ",
      scopes: ["leads:write", "leads:read", "leads:read"],
      expiresAt: "2099-01-01T00:00:00Z",
      rateLimitPerMinute: 120,
      now: new Date("2098-06-01T00:00:00Z"),
    });

    expect(created.key).toMatch(/^pp_live_[a-z0-9]{8}_[A-Za-z0-9]{32}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    expect(created).toMatchObject({
      name: "Zapier",
      scopes: ["leads:read", "leads:write"],
      tenant: { id: tenant.id, name: "Drip Doctors", slug: tenant.slug },
      createdBy: { id: actor.userId, name: "Ada Admin" },
      status: "active",
      rateLimitPerMinute: 120,
      lastUsedAt: null,
    });
    const secret = created.key.slice(created.prefix.length + 1);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.hash).toBe(hashApiKeyToken(created.key));
    expect(row?.prefix).toBe(created.prefix);
    expect(await tablesContaining(secret)).toEqual([]);

    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api_key.created"), eq(auditEvents.targetId, created.id)));
    expect(event).toMatchObject({
      actorType: "staff",
      actorId: actor.userId,
      tenantId: tenant.id,
      targetType: "api_key",
      after: {
        name: "Zapier",
        prefix: created.prefix,
        scopes: ["leads:read", "leads:write"],
        rateLimitPerMinute: 120,
        status: "active",
      },
    });
    expect(JSON.stringify(event)).not.toContain(row?.hash);
  });

  it("refuses an expiry in the past or more than two years out, unknown scopes and no scopes", async () => {
    const tenant = await createTenant(db);
    const actor = await staffActor();
    const now = new Date("2026-01-15T12:00:00Z");
    const base = { actor, tenantId: tenant.id, name: "CRM", scopes: ["leads:read"], now };

    const past = await rejection(createApiKey({ ...base, expiresAt: "2026-01-14" }));
    expect([past.status, past.message]).toEqual([400, 'Invalid field "expiresAt": must be in the future']);
    const far = await rejection(createApiKey({ ...base, expiresAt: "2028-01-16" }));
    expect(far.message).toBe('Invalid field "expiresAt": must be at most 2 years from now');
    const scope = await rejection(createApiKey({ ...base, scopes: ["billing:write"] }));
    expect([scope.status, scope.message]).toEqual([400, expect.stringContaining('"scopes.0"')]);
    const none = await rejection(createApiKey({ ...base, scopes: [] }));
    expect(none.message).toContain("choose at least one scope");
    const limit = await rejection(createApiKey({ ...base, rateLimitPerMinute: 100_001 }));
    expect(limit.message).toContain("rateLimitPerMinute");
    expect(await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenant.id))).toEqual([]);

    // A bare date keeps the key working through that whole day (UTC).
    const dated = await createApiKey({ ...base, expiresAt: "2026-03-01" });
    expect(dated.expiresAt?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("lets an owner mint keys only for their own tenant, and never with a rate limit of their own", async () => {
    const tenant = await createTenant(db);
    const other = await createTenant(db);
    const owner = await ownerOf(tenant);

    const foreign = await rejection(
      createApiKey({ actor: owner, tenantId: other.id, name: "x", scopes: ["leads:read"] }),
    );
    expect(foreign.status).toBe(400);
    const limited = await rejection(
      createApiKey({ actor: owner, tenantId: tenant.id, name: "x", scopes: ["leads:read"], rateLimitPerMinute: 5000 }),
    );
    expect([limited.status, limited.message]).toEqual([403, expect.stringContaining("Only your provider")]);
    const created = await createApiKey({ actor: owner, tenantId: tenant.id, name: "Website", scopes: ["leads:write"] });
    expect(created.createdBy?.id).toBe(owner.userId);
    expect(await db.select().from(apiKeys).where(eq(apiKeys.tenantId, other.id))).toEqual([]);
  });

  it(`stops at ${MAX_ACTIVE_KEYS_PER_TENANT} active keys per tenant`, async () => {
    const tenant = await createTenant(db);
    const actor = await staffActor();
    const keys = [];
    for (let index = 0; index < MAX_ACTIVE_KEYS_PER_TENANT; index++) {
      keys.push(await createApiKey({ actor, tenantId: tenant.id, name: `k${index}`, scopes: ["usage:read"] }));
    }
    const refused = await rejection(
      createApiKey({ actor, tenantId: tenant.id, name: "one more", scopes: ["usage:read"] }),
    );
    expect([refused.status, refused.message]).toEqual([409, expect.stringContaining("revoke one")]);
    await revokeApiKey({ actor, apiKeyId: keys[0]?.id ?? "" });
    await expect(
      createApiKey({ actor, tenantId: tenant.id, name: "one more", scopes: ["usage:read"] }),
    ).resolves.toMatchObject({ status: "active" });
  });
});

describe("listApiKeys", () => {
  it("lists newest first with status and creator, filters by tenant and status, pages, and never shows a secret", async () => {
    const tenant = await createTenant(db, { name: "Alpha Air" });
    const other = await createTenant(db, { name: "Beta Boilers" });
    const actor = await staffActor();
    const now = new Date();
    const make = (name: string, tenantId = tenant.id, expiresAt?: string) =>
      createApiKey({
        actor,
        tenantId,
        name,
        scopes: ["leads:read"],
        expiresAt,
        now: new Date(now.getTime() - 86_400_000),
      });
    const expiring = await make("expired", tenant.id, new Date(now.getTime() - 1000).toISOString());
    const revoked = await make("revoked");
    await revokeApiKey({ actor, apiKeyId: revoked.id });
    const active = await make("active");
    const foreign = await make("other tenant's", other.id);

    const all = await listApiKeys({ tenantId: tenant.id, now });
    expect(all.data.map((key) => [key.name, key.status])).toEqual([
      ["active", "active"],
      ["revoked", "revoked"],
      ["expired", "expired"],
    ]);
    expect(all.data[0]).toMatchObject({ createdBy: { name: "Ada Admin" }, tenant: { name: "Alpha Air" } });
    const text = JSON.stringify(all);
    for (const key of [expiring, revoked, active]) {
      expect(text).not.toContain(key.key);
      expect(text).not.toContain(hashApiKeyToken(key.key));
    }
    expect(Object.keys(all.data[0] ?? {})).not.toEqual(expect.arrayContaining(["hash"]));
    expect(Object.keys(all.data[0] ?? {})).not.toContain("key");

    for (const status of ["active", "expired", "revoked"] as const) {
      const filtered = await listApiKeys({ tenantId: tenant.id, status, now });
      expect(filtered.data.map((key) => key.name)).toEqual([status]);
    }
    const everyone = await listApiKeys({ now });
    expect(everyone.data.map((key) => key.id)).toContain(foreign.id);

    const first = await listApiKeys({ tenantId: tenant.id, limit: 2, now });
    expect(first.data.map((key) => key.name)).toEqual(["active", "revoked"]);
    const second = await listApiKeys({ tenantId: tenant.id, limit: 2, now, cursor: first.nextCursor ?? "" });
    expect([second.data.map((key) => key.name), second.nextCursor]).toEqual([["expired"], null]);
  });
});

describe("revokeApiKey and authenticateApiKey", () => {
  it("authenticates an active key, and refuses it from the very next call after revocation", async () => {
    const tenant = await createTenant(db);
    const owner = await ownerOf(tenant);
    const created = await createApiKey({ actor: owner, tenantId: tenant.id, name: "CRM", scopes: ["leads:read"] });

    await expect(authenticateApiKey({ token: created.key })).resolves.toEqual({
      id: created.id,
      tenantId: tenant.id,
      prefix: created.prefix,
      scopes: ["leads:read"],
      rateLimitPerMinute: null,
    });
    const revoked = await revokeApiKey({ actor: owner, apiKeyId: created.id });
    expect(revoked).toMatchObject({ status: "revoked", changed: true });
    await expect(authenticateApiKey({ token: created.key })).resolves.toBeNull();

    const uses = await db
      .select({ featureKey: featureUsage.featureKey, app: featureUsage.app })
      .from(featureUsage)
      .where(eq(featureUsage.tenantId, tenant.id));
    expect(uses.map((use) => `${use.app} ${use.featureKey}`).sort()).toEqual([
      "tenant ApiKeyCreated",
      "tenant ApiKeyRevoked",
    ]);

    // Revoking again changes nothing and is audited once (and counted once).
    await expect(revokeApiKey({ actor: owner, apiKeyId: created.id })).resolves.toMatchObject({ changed: false });
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api_key.revoked"), eq(auditEvents.targetId, created.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorType: "user", tenantId: tenant.id, after: { status: "revoked" } });
  });

  it("refuses expired, unknown and malformed tokens", async () => {
    const tenant = await createTenant(db);
    const actor = await staffActor();
    const created = await createApiKey({
      actor,
      tenantId: tenant.id,
      name: "short-lived",
      scopes: ["leads:read"],
      expiresAt: "2030-01-01T00:00:00Z",
      now: new Date("2029-06-01T00:00:00Z"),
    });
    await expect(
      authenticateApiKey({ token: created.key, now: new Date("2029-12-31T23:59:59Z") }),
    ).resolves.not.toBeNull();
    await expect(authenticateApiKey({ token: created.key, now: new Date("2030-01-01T00:00:00Z") })).resolves.toBeNull();
    const unknown = `${created.prefix}_${"A".repeat(32)}`;
    await expect(authenticateApiKey({ token: unknown, now: new Date("2029-07-01T00:00:00Z") })).resolves.toBeNull();
    await expect(authenticateApiKey({ token: "' or 1=1 --" })).resolves.toBeNull();
  });

  it("pauses the keys of a suspended or churned tenant with a 403 that says why, and resumes them on reactivation", async () => {
    const tenant = await createTenant(db);
    const created = await createApiKey({
      actor: await staffActor(),
      tenantId: tenant.id,
      name: "CRM",
      scopes: ["leads:read"],
    });
    for (const status of ["suspended", "churned"] as const) {
      await db.update(tenants).set({ status }).where(eq(tenants.id, tenant.id));
      const error = await rejection(authenticateApiKey({ token: created.key }));
      expect([error.status, error.message]).toEqual([
        403,
        `This account is ${status} — its API keys are paused; contact your provider`,
      ]);
    }
    await db.update(tenants).set({ status: "active" }).where(eq(tenants.id, tenant.id));
    await expect(authenticateApiKey({ token: created.key })).resolves.toMatchObject({ id: created.id });
  });

  it("answers from a lookup at most API_KEY_CACHE_MS old: a revocation elsewhere counts within it, one here at once, expiry always", async () => {
    clearApiKeyCache();
    const tenant = await createTenant(db);
    const owner = await ownerOf(tenant);
    const start = new Date("2029-06-01T00:00:00Z");
    const at = (ms: number) => new Date(start.getTime() + ms);
    const cached = (token: string, now: Date) => authenticateApiKey({ token, now, maxAgeMs: API_KEY_CACHE_MS });
    const other = await createApiKey({
      actor: owner,
      tenantId: tenant.id,
      name: "other",
      scopes: ["leads:read"],
      now: start,
    });

    // Revoked by another instance (a plain UPDATE here): still answered from memory until the lookup is 1 s old.
    await expect(cached(other.key, at(0))).resolves.toMatchObject({ id: other.id });
    await db
      .update(apiKeys)
      .set({ revokedAt: at(100) })
      .where(eq(apiKeys.id, other.id));
    await expect(cached(other.key, at(API_KEY_CACHE_MS - 1))).resolves.toMatchObject({ id: other.id });
    await expect(cached(other.key, at(API_KEY_CACHE_MS))).resolves.toBeNull();
    // Uncached callers always ask the database.
    await expect(authenticateApiKey({ token: other.key, now: at(0) })).resolves.toBeNull();

    // Revoked in this process: refused on the very next call, the cache notwithstanding.
    const here = await createApiKey({
      actor: owner,
      tenantId: tenant.id,
      name: "here",
      scopes: ["leads:read"],
      now: start,
    });
    await expect(cached(here.key, at(0))).resolves.toMatchObject({ id: here.id });
    await revokeApiKey({ actor: owner, apiKeyId: here.id, now: at(1) });
    await expect(cached(here.key, at(2))).resolves.toBeNull();

    // Expiry is checked on every call, cached or not; a suspended tenant's keys pause within the same second.
    const expiring = await createApiKey({
      actor: owner,
      tenantId: tenant.id,
      name: "expiring",
      scopes: ["leads:read"],
      expiresAt: at(500).toISOString(),
      now: start,
    });
    await expect(cached(expiring.key, at(0))).resolves.toMatchObject({ id: expiring.id });
    await expect(cached(expiring.key, at(500))).resolves.toBeNull();
    const active = await createApiKey({
      actor: owner,
      tenantId: tenant.id,
      name: "active",
      scopes: ["leads:read"],
      now: start,
    });
    await expect(cached(active.key, at(0))).resolves.toMatchObject({ id: active.id });
    await db.update(tenants).set({ status: "suspended" }).where(eq(tenants.id, tenant.id));
    await expect(cached(active.key, at(API_KEY_CACHE_MS))).rejects.toMatchObject({ status: 403 });
    clearApiKeyCache();
  });

  it("answers 404 for another tenant's key, and leaves it working", async () => {
    const mine = await createTenant(db);
    const theirs = await createTenant(db);
    const owner = await ownerOf(mine);
    const staff = await staffActor();
    const foreign = await createApiKey({ actor: staff, tenantId: theirs.id, name: "theirs", scopes: ["leads:read"] });

    const error = await rejection(revokeApiKey({ actor: owner, apiKeyId: foreign.id }));
    expect([error.status, error.message]).toEqual([404, "API key not found"]);
    const malformed = await rejection(revokeApiKey({ actor: owner, apiKeyId: "not-a-uuid" }));
    expect(malformed.status).toBe(404);
    await expect(authenticateApiKey({ token: foreign.key })).resolves.not.toBeNull();
    // Staff reach every tenant's keys.
    await expect(revokeApiKey({ actor: staff, apiKeyId: foreign.id })).resolves.toMatchObject({ status: "revoked" });
  });
});

describe("getApiRateLimit", () => {
  it("takes the key's limit, else the tenant's override, else its plan's; caching the tenant's for 30 s", async () => {
    const { plans } = await ensureReferenceData(db);
    const plan = Object.values(plans)[0];
    if (!plan) throw new Error("no plans seeded");
    const tenant = await createTenant(db, { planId: plan.id });
    const now = new Date("2026-01-01T00:00:00Z");
    clearApiRateLimitCache();

    expect(await getApiRateLimit({ tenantId: tenant.id, keyRateLimitPerMinute: 7, now })).toBe(7);
    expect(await getApiRateLimit({ tenantId: tenant.id, now })).toBe(plan.apiRateLimitPerMinute);
    await db.insert(tenantRateLimits).values({ tenantId: tenant.id, requestsPerMinute: 999 });
    // Still the cached plan limit within 30 s; the override after.
    expect(await getApiRateLimit({ tenantId: tenant.id, now: new Date(now.getTime() + 29_000) })).toBe(
      plan.apiRateLimitPerMinute,
    );
    expect(await getApiRateLimit({ tenantId: tenant.id, now: new Date(now.getTime() + 31_000) })).toBe(999);
    expect(await getApiRateLimit({ tenantId: tenant.id, keyRateLimitPerMinute: 7, now })).toBe(7);

    const planless = await createTenant(db, { planId: null });
    expect(await getApiRateLimit({ tenantId: planless.id, now })).toBeUndefined();
  });
});
