import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createMember, createStaffUser, createTenant, ensureReferenceData } from "@pp/db/factories";
import { env, resetEnv } from "@pp/env";
import { callRoute, signInCookie } from "@pp/http/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "./route";

const PASSWORD = "correct-horse-battery";
let viewerCookie = "";
let memberCookie = "";

beforeAll(async () => {
  process.env.AUTH_SECRET = "portal-tenant-search-test-secret-of-enough-length";
  resetEnv();
  await ensureReferenceData(db);
  const { getAuth } = await import("../../../../../lib/auth");
  // A viewer may search: every staff role reads tenants.
  const viewerEmail = `viewer-${randomUUID().slice(0, 8)}@search.test`;
  await createStaffUser(db, { email: viewerEmail, role: "viewer", password: PASSWORD });
  viewerCookie = await signInCookie(getAuth(), viewerEmail, PASSWORD);
  // A contractor's owner is no staff member: the portal's search is not theirs.
  const home = await createTenant(db, { name: "Owner Home Plumbing", slug: "owner-home" });
  const memberEmail = `owner-${randomUUID().slice(0, 8)}@search.test`;
  await createMember(db, { tenantId: home.id, email: memberEmail, role: "owner", password: PASSWORD });
  memberCookie = await signInCookie(getAuth(), memberEmail, PASSWORD).catch(() => "");

  await createTenant(db, { name: "Dana's Plumbing", slug: "danas-plumbing-austin" });
  await createTenant(db, { name: "Dana's Plumbing", slug: "danas-plumbing-dallas" });
  await createTenant(db, { name: "Dana Electric", slug: "dana-electric", status: "churned" });
  for (let index = 0; index < 12; index++) {
    await createTenant(db, { name: `Paged Heating ${String(index).padStart(2, "0")}`, slug: `paged-${index}` });
  }
}, 60_000);

type Body = {
  data: { id: string; name: string; slug: string; status: string; sharesName: boolean }[];
  nextCursor: string | null;
  total: number;
};

function search(query: string, cookie: string | null = viewerCookie) {
  return callRoute(
    GET,
    new Request(`${env().portalUrl}/api/provider/tenants/search?${query}`, {
      headers: cookie ? { cookie } : {},
    }),
  );
}

async function body(query: string): Promise<Body> {
  const response = await search(query);
  expect(response.status).toBe(200);
  return (await response.json()) as Body;
}

describe("GET /api/provider/tenants/search", () => {
  it("finds by part of a name or slug; clients that share a name say so, so the picker shows their slugs", async () => {
    const result = await body("q=dana");
    expect(result.data.map((tenant) => [tenant.name, tenant.slug, tenant.sharesName])).toEqual([
      ["Dana Electric", "dana-electric", false],
      ["Dana's Plumbing", "danas-plumbing-austin", true],
      ["Dana's Plumbing", "danas-plumbing-dallas", true],
    ]);
    expect(result.total).toBe(3);
    expect((await body("q=DALLAS")).data.map((tenant) => tenant.slug)).toEqual(["danas-plumbing-dallas"]);
    // % and _ are literal characters, not wildcards.
    expect((await body("q=%25")).total).toBe(0);
  });

  it("active=true leaves churned clients out", async () => {
    const result = await body("q=dana&active=true");
    expect(result.data.map((tenant) => tenant.slug)).toEqual(["danas-plumbing-austin", "danas-plumbing-dallas"]);
    expect(result.total).toBe(2);
  });

  it("answers a page at a time with the total, and the cursor walks the rest without repeats", async () => {
    const first = await body("q=paged&limit=5");
    expect(first.data.map((tenant) => tenant.name)).toEqual([0, 1, 2, 3, 4].map((n) => `Paged Heating 0${n}`));
    expect(first.total).toBe(12);
    expect(first.nextCursor).not.toBeNull();
    const second = await body(`q=paged&limit=5&cursor=${first.nextCursor}`);
    const third = await body(`q=paged&limit=5&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    const names = [...first.data, ...second.data, ...third.data].map((tenant) => tenant.name);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
    // Blank lists every client A→Z, ten at a time by default: a picker opened before typing.
    const opened = await body("q=");
    expect(opened.data).toHaveLength(10);
    expect(opened.total).toBe(16);
  });

  it("refuses a limit past 50, a foreign cursor and an over-long query, naming the parameter", async () => {
    for (const [query, field] of [
      ["q=a&limit=51", "limit"],
      ["q=a&limit=0", "limit"],
      ["q=a&cursor=not-a-cursor!", "cursor"],
      [`q=${"x".repeat(101)}`, "q"],
      ["q=a&active=yes", "active"],
    ] as const) {
      const response = await search(query);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.message, query).toContain(`"${field}"`);
    }
  });

  it("is for staff only: 401 signed out and for a contractor's owner", async () => {
    expect((await search("q=dana", null)).status).toBe(401);
    const asMember = await search("q=dana", memberCookie || null);
    expect([401, 403]).toContain(asMember.status);
  });
});
