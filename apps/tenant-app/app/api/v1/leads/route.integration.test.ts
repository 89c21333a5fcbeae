import { createApiKey } from "@pp/core/api-keys/create-api-key";
import { clearApiRateLimitCache } from "@pp/core/api-keys/get-api-rate-limit";
import type { StaffActor } from "@pp/core/auth/actors";
import { getUsageBuffer } from "@pp/core/usage/usage-buffer";
import { db } from "@pp/db";
import {
  categoriesOf,
  createLead,
  createStaffUser,
  createTenant,
  ensureReferenceData,
  type Tenant,
} from "@pp/db/factories";
import { apiUsage, auditEvents, leadCategories, leads } from "@pp/db/schema";
import { resetRateLimiters } from "@pp/http";
import { callRoute, testRequest } from "@pp/http/testing";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as USAGE } from "../usage/route";
import { GET as GET_ONE, PATCH } from "./[id]/route";
import { GET as LIST, POST } from "./route";

let actor: StaffActor;
let tenant: Tenant;
let other: Tenant;
let readWrite: string;
let readOnly: string;
let usageKey: string;
let otherKey: string;

beforeAll(async () => {
  await ensureReferenceData(db);
  const { user, staff } = await createStaffUser(db, { role: "admin" });
  actor = { kind: "staff", userId: user.id, email: user.email, name: user.name, role: staff.role, sessionId: "s" };
  tenant = await createTenant(db, { name: "Intake Plumbing" });
  other = await createTenant(db, { name: "Other Plumbing" });
  const key = (tenantId: string, scopes: ("leads:read" | "leads:write" | "usage:read")[]) =>
    createApiKey({ actor, tenantId, name: scopes.join(" "), scopes }).then((created) => created.key);
  readWrite = await key(tenant.id, ["leads:read", "leads:write"]);
  readOnly = await key(tenant.id, ["leads:read"]);
  usageKey = await key(tenant.id, ["usage:read"]);
  otherKey = await key(other.id, ["leads:read", "leads:write"]);
}, 60_000);

afterEach(async () => {
  await resetRateLimiters();
  clearApiRateLimitCache();
});

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

function list(key: string | undefined, query = "") {
  return callRoute(LIST, testRequest(`/api/v1/leads${query}`, { headers: key ? auth(key) : {} }));
}

function create(key: string, body: unknown, headers: Record<string, string> = {}) {
  return callRoute(POST, testRequest("/api/v1/leads", { headers: { ...auth(key), ...headers }, json: body }));
}

function getOne(key: string, id: string) {
  return callRoute(GET_ONE, testRequest(`/api/v1/leads/${id}`, { headers: auth(key) }), { id });
}

function patch(key: string, id: string, body: unknown) {
  return callRoute(PATCH, testRequest(`/api/v1/leads/${id}`, { method: "PATCH", headers: auth(key), json: body }), {
    id,
  });
}

let phoneSeq = 1000;
function intake(overrides: Record<string, unknown> = {}) {
  phoneSeq++;
  return {
    category: categoriesOf(tenant.trade)[0]?.code,
    source: "web",
    contact: { name: "Jordan Rivera", phone: `+1 (512) 555-${phoneSeq}` },
    serviceAddress: { line1: "100 Congress Ave", city: "Austin", state: "TX", zip: "78701" },
    description: "Water heater leaking",
    ...overrides,
  };
}

describe("POST /api/v1/leads", () => {
  it("creates a lead priced from the tenant's lead category, audited as the key", async () => {
    const category = categoriesOf(tenant.trade)[1]?.code ?? "";
    const response = await create(readWrite, intake({ category, source: "marketplace", externalId: "mkt-1" }));
    expect(response.status).toBe(201);
    const lead = await response.json();
    const [priced] = await db
      .select({ priceCents: leadCategories.priceCents })
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, tenant.trade), eq(leadCategories.code, category)));
    expect(lead).toMatchObject({ category, source: "marketplace", status: "new", externalId: "mkt-1" });
    expect(lead.priceCents).toBe(priced?.priceCents);
    const [stored] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(stored?.tenantId).toBe(tenant.id);
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, lead.id));
    expect(audit).toMatchObject({ action: "lead.created", actorType: "api_key", tenantId: tenant.id });
  });

  it("400s naming the bad field", async () => {
    const noZip = await create(readWrite, intake({ serviceAddress: { city: "Austin" } }));
    expect(noZip.status).toBe(400);
    expect((await noZip.json()).error.message).toContain('"serviceAddress.zip"');

    const noWayToReach = await create(readWrite, intake({ contact: { name: "No Contact" } }));
    expect(noWayToReach.status).toBe(400);
    expect((await noWayToReach.json()).error.message).toContain('"contact.phone"');

    const unknownCategory = await create(readWrite, intake({ category: "spaceship_repair" }));
    expect(unknownCategory.status).toBe(400);
    const body = await unknownCategory.json();
    expect(body.error.message).toContain('"category"');
    expect(body.error.details).toEqual([expect.objectContaining({ path: "category" })]);
  });

  it("409s a duplicate (same phone, or email, within 24 h; same externalId) with the existing lead's id", async () => {
    const first = await (
      await create(readWrite, intake({ contact: { name: "A", phone: "512-555-7001", email: "dup@example.com" } }))
    ).json();

    const samePhone = await create(readWrite, intake({ contact: { name: "B", phone: "+1 (512) 555 7001" } }));
    expect(samePhone.status).toBe(409);
    expect((await samePhone.json()).error.details).toEqual({ existingLeadId: first.id, field: "contact.phone" });

    const sameEmail = await create(readWrite, intake({ contact: { name: "C", email: "DUP@example.com" } }));
    expect(sameEmail.status).toBe(409);
    expect((await sameEmail.json()).error.details).toEqual({ existingLeadId: first.id, field: "contact.email" });

    const external = await (await create(readWrite, intake({ externalId: "form-77" }))).json();
    const sameExternal = await create(readWrite, intake({ externalId: "form-77" }));
    expect(sameExternal.status).toBe(409);
    expect((await sameExternal.json()).error.details).toEqual({ existingLeadId: external.id, field: "externalId" });

    // The same phone at another tenant is that tenant's own lead.
    const elsewhere = await create(otherKey, {
      ...intake({ contact: { name: "D", phone: "512-555-7001" } }),
      category: categoriesOf(other.trade)[0]?.code,
    });
    expect(elsewhere.status).toBe(201);
  });

  it("does not count a lead older than 24 h as a duplicate", async () => {
    await createLead(db, {
      tenantId: tenant.id,
      contact: { name: "Old", phone: "512-555-7300" },
      receivedAt: new Date(Date.now() - 25 * 3_600_000),
    });
    const response = await create(readWrite, intake({ contact: { name: "New", phone: "512-555-7300" } }));
    expect(response.status).toBe(201);
  });

  it("replays the first 201 for a retry with the same Idempotency-Key", async () => {
    const body = intake();
    const first = await create(readWrite, body, { "idempotency-key": "intake-retry-1" });
    const retry = await create(readWrite, body, { "idempotency-key": "intake-retry-1" });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect((await retry.json()).id).toBe((await first.json()).id);
  });

  it("403s a key without leads:write, 401s without a key", async () => {
    const forbidden = await create(readOnly, intake());
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.message).toContain("leads:write");
    const anonymous = await callRoute(POST, testRequest("/api/v1/leads", { json: intake() }));
    expect(anonymous.status).toBe(401);
  });
});

describe("GET /api/v1/leads", () => {
  it("pages through the tenant's own leads with the cursor, filtered by status, category and since", async () => {
    const fresh = await createTenant(db, { name: "Paged Plumbing" });
    const key = (await createApiKey({ actor, tenantId: fresh.id, name: "r", scopes: ["leads:read"] })).key;
    const [first, second] = categoriesOf(fresh.trade);
    const base = Date.now() - 10 * 60_000;
    for (let index = 0; index < 5; index++) {
      await createLead(db, {
        tenantId: fresh.id,
        category: index < 3 ? first?.code : second?.code,
        status: index === 0 ? "won" : "new",
        receivedAt: new Date(base + index * 1_000),
      });
    }
    await createLead(db, { tenantId: other.id });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(key, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(response.status).toBe(200);
      const page: { data: { id: string; receivedAt: string }[]; nextCursor: string | null } = await response.json();
      seen.push(...page.data.map((lead) => lead.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);

    const won = await (await list(key, "?status=won")).json();
    expect(won.data).toHaveLength(1);
    const ofSecond = await (await list(key, `?category=${second?.code}`)).json();
    expect(ofSecond.data).toHaveLength(2);
    const recent = await (await list(key, `?since=${encodeURIComponent(new Date(base + 3_000).toISOString())}`)).json();
    expect(recent.data).toHaveLength(2);
  });

  it("400s a bad filter or cursor naming it; 403s a key without leads:read; 401s without a key", async () => {
    const badStatus = await list(readOnly, "?status=sold");
    expect(badStatus.status).toBe(400);
    expect((await badStatus.json()).error.message).toContain('"status"');
    const badSince = await list(readOnly, "?since=yesterday");
    expect((await badSince.json()).error.message).toContain('"since"');
    const badCursor = await list(readOnly, "?cursor=nonsense!");
    expect((await badCursor.json()).error.message).toContain('"cursor"');
    expect((await list(usageKey)).status).toBe(403);
    expect((await list(undefined)).status).toBe(401);
  });
});

describe("GET and PATCH /api/v1/leads/{id}", () => {
  it("reads the tenant's own lead; another tenant's (or a malformed) id is a 404", async () => {
    const mine = await createLead(db, { tenantId: tenant.id });
    const theirs = await createLead(db, { tenantId: other.id });
    const response = await getOne(readOnly, mine.id);
    expect(response.status).toBe(200);
    expect((await response.json()).id).toBe(mine.id);
    expect((await getOne(readOnly, theirs.id)).status).toBe(404);
    expect((await getOne(readOnly, "not-a-uuid")).status).toBe(404);
    expect((await patch(readWrite, theirs.id, { status: "contacted" })).status).toBe(404);
    const [untouched] = await db.select().from(leads).where(eq(leads.id, theirs.id));
    expect(untouched?.status).toBe("new");
  });

  it("moves status along allowed transitions and refuses the others with 422 naming status", async () => {
    const lead = await createLead(db, { tenantId: tenant.id, contact: { name: "P", phone: "512-555-7400" } });
    const contacted = await patch(readWrite, lead.id, { status: "contacted" });
    expect(contacted.status).toBe(200);
    expect((await contacted.json()).status).toBe("contacted");
    const backwards = await patch(readWrite, lead.id, { status: "new" });
    expect(backwards.status).toBe(422);
    expect((await backwards.json()).error.details).toEqual([expect.objectContaining({ path: "status" })]);
    expect((await patch(readWrite, lead.id, { status: "won" })).status).toBe(200);
    const afterWon = await patch(readWrite, lead.id, { status: "lost" });
    expect(afterWon.status).toBe(422);
    expect((await afterWon.json()).error.message).toContain("final");
  });

  it("changes contact fields, keeping a phone or email, and 400s naming the field", async () => {
    const lead = await createLead(db, { tenantId: tenant.id, contact: { name: "Q", phone: "512-555-7500" } });
    const updated = await patch(readWrite, lead.id, { contact: { email: "Q@Example.com", phone: null } });
    expect(updated.status).toBe(200);
    expect((await updated.json()).contact).toEqual({ name: "Q", email: "q@example.com" });
    const cleared = await patch(readWrite, lead.id, { contact: { email: null } });
    expect(cleared.status).toBe(400);
    expect((await cleared.json()).error.message).toContain('"contact"');
    const badEmail = await patch(readWrite, lead.id, { contact: { email: "nope" } });
    expect((await badEmail.json()).error.message).toContain('"contact.email"');
    const empty = await patch(readWrite, lead.id, {});
    expect((await empty.json()).error.message).toContain('"status"');
    expect((await patch(readOnly, lead.id, { status: "contacted" })).status).toBe(403);
  });
});

describe("GET /api/v1/usage and usage logging", () => {
  it("records each call in api_usage under the key's tenant and the route template, and reports it back", async () => {
    const fresh = await createTenant(db, { name: "Metered Plumbing" });
    const created = await createApiKey({
      actor,
      tenantId: fresh.id,
      name: "meter",
      scopes: ["leads:read", "usage:read"],
    });
    const lead = await createLead(db, { tenantId: fresh.id });
    await (await list(created.key)).json();
    await (await getOne(created.key, lead.id)).json();
    await (await getOne(created.key, "0190f5a2-7c1e-7000-8000-000000000001")).json();
    await getUsageBuffer().flush();

    const rows = await db.select().from(apiUsage).where(eq(apiUsage.tenantId, fresh.id));
    expect(rows.map((row) => `${row.method} ${row.route} ${row.status}`).sort()).toEqual([
      "GET /api/v1/leads 200",
      "GET /api/v1/leads/[id] 200",
      "GET /api/v1/leads/[id] 404",
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ app: "tenant", apiKeyId: created.id, actor: `api_key:${created.id}` });
      expect(row.bytes).toBeGreaterThan(0);
    }

    const response = await callRoute(USAGE, testRequest("/api/v1/usage", { headers: auth(created.key) }));
    expect(response.status).toBe(200);
    const usage = await response.json();
    expect(usage.totals).toMatchObject({ requests: 3, errors: 1 });
    expect(usage.days).toEqual(
      expect.arrayContaining([expect.objectContaining({ route: "/api/v1/leads/[id]", method: "GET", requests: 2 })]),
    );
    // Only the caller's own tenant: the other tenants' calls in this file are not counted.
    expect(usage.days.every((row: { route: string }) => row.route.startsWith("/api/v1/"))).toBe(true);
  });

  it("400s a window longer than 90 days naming from; 403s a key without usage:read", async () => {
    const tooLong = await callRoute(
      USAGE,
      testRequest("/api/v1/usage?from=2025-01-01&to=2025-12-31", { headers: auth(usageKey) }),
    );
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.message).toContain('"from"');
    const forbidden = await callRoute(USAGE, testRequest("/api/v1/usage", { headers: auth(readOnly) }));
    expect(forbidden.status).toBe(403);
  });
});
