import { randomUUID } from "node:crypto";
import { createApiKey } from "@pp/core/api-keys/create-api-key";
import type { StaffActor } from "@pp/core/auth/actors";
import { db } from "@pp/db";
import { createMember, createStaffUser, createTenant, ensureReferenceData, type Tenant } from "@pp/db/factories";
import { apiKeys, idempotencyKeys } from "@pp/db/schema";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as REVOKE } from "./[id]/revoke/route";
import { GET, POST } from "./route";

const PASSWORD = "correct-horse-battery";
let tenant: Tenant;
let ownerCookie = "";
let technicianCookie = "";

async function signIn(email: string): Promise<string> {
  const { getAuth } = await import("../../../../../lib/auth");
  return signInCookie(getAuth(), email, PASSWORD);
}

beforeAll(async () => {
  process.env.AUTH_SECRET = "api-keys-route-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  tenant = await createTenant(db, { name: "Keyed Plumbing" });
  const suffix = randomUUID().slice(0, 8);
  await createMember(db, {
    tenantId: tenant.id,
    role: "owner",
    email: `owner-${suffix}@keys.test`,
    password: PASSWORD,
  });
  await createMember(db, {
    tenantId: tenant.id,
    role: "technician",
    email: `tech-${suffix}@keys.test`,
    password: PASSWORD,
  });
  ownerCookie = await signIn(`owner-${suffix}@keys.test`);
  technicianCookie = await signIn(`tech-${suffix}@keys.test`);
}, 60_000);

function request(
  path: string,
  cookie: string,
  init: { method?: string; json?: unknown; idempotencyKey?: string } = {},
) {
  const headers: Record<string, string> = { cookie, origin: env().tenantAppUrl };
  if (init.json !== undefined) headers["content-type"] = "application/json";
  if (init.idempotencyKey) headers["idempotency-key"] = init.idempotencyKey;
  return new Request(`${env().tenantAppUrl}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
}

describe("/api/t/[slug]/api-keys", () => {
  it("shows the key in the create response only; a retry with the same Idempotency-Key gets everything but the key", async () => {
    const path = `/api/t/${tenant.slug}/api-keys`;
    const idempotencyKey = randomUUID();
    const body = { name: "Website form", scopes: ["leads:write"] };
    const first = await callRoute(POST, request(path, ownerCookie, { method: "POST", json: body, idempotencyKey }), {
      slug: tenant.slug,
    });
    expect(first.status).toBe(201);
    expect(first.headers.get("cache-control")).toBe("no-store");
    const created = (await first.json()) as { id: string; key: string; prefix: string };
    expect(created.key).toMatch(/^pp_live_/);

    const retry = await callRoute(POST, request(path, ownerCookie, { method: "POST", json: body, idempotencyKey }), {
      slug: tenant.slug,
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const replayed = (await retry.json()) as Record<string, unknown>;
    expect(replayed).toMatchObject({ id: created.id, prefix: created.prefix });
    expect(replayed).not.toHaveProperty("key");
    expect(await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenant.id))).toHaveLength(1);

    // The stored response that makes the replay possible holds no secret.
    const stored = await db
      .select({ id: idempotencyKeys.id })
      .from(idempotencyKeys)
      .where(sql`${idempotencyKeys.responseBody}::text like ${`%${created.key.slice(17)}%`}`);
    expect(stored).toEqual([]);

    const list = await callRoute(GET, request(path, technicianCookie), { slug: tenant.slug });
    expect(list.status).toBe(200);
    const text = await list.text();
    expect(text).toContain(created.prefix);
    expect(text).not.toContain(created.key);
  });

  it("lets only owners create and revoke; technicians get a 403", async () => {
    const path = `/api/t/${tenant.slug}/api-keys`;
    const refused = await callRoute(
      POST,
      request(path, technicianCookie, { method: "POST", json: { name: "x", scopes: ["leads:read"] } }),
      { slug: tenant.slug },
    );
    expect(refused.status).toBe(403);
    const withLimit = await callRoute(
      POST,
      request(path, ownerCookie, {
        method: "POST",
        json: { name: "x", scopes: ["leads:read"], rateLimitPerMinute: 9000 },
      }),
      { slug: tenant.slug },
    );
    expect(withLimit.status).toBe(400);
  });

  it("answers 404 when an owner revokes another tenant's key", async () => {
    const other = await createTenant(db);
    const { user, staff } = await createStaffUser(db, { role: "admin" });
    const actor: StaffActor = {
      kind: "staff",
      userId: user.id,
      email: user.email,
      name: user.name,
      role: staff.role,
      sessionId: "s",
    };
    const foreign = await createApiKey({ actor, tenantId: other.id, name: "theirs", scopes: ["leads:read"] });
    const response = await callRoute(
      REVOKE,
      request(`/api/t/${tenant.slug}/api-keys/${foreign.id}/revoke`, ownerCookie, { method: "POST" }),
      { slug: tenant.slug, id: foreign.id },
    );
    expect(response.status).toBe(404);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, foreign.id));
    expect(row?.revokedAt).toBeNull();
  });
});
