import { db } from "@pp/db";
import {
  createStaffUser,
  createSubscription,
  createTenant,
  ensureReferenceData,
  type ReferenceData,
} from "@pp/db/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { encodeCursor } from "../pagination";
import { type ListTenantsOptions, listTenants, type TenantListItem } from "./list-tenants";

let reference: ReferenceData;

/** Every page of a list, following nextCursor to the end. */
async function allPages(options: ListTenantsOptions): Promise<{ pages: TenantListItem[][]; rows: TenantListItem[] }> {
  const pages: TenantListItem[][] = [];
  let cursor: string | undefined;
  do {
    const result = await listTenants({ ...options, cursor });
    pages.push(result.data);
    cursor = result.nextCursor ?? undefined;
  } while (cursor && pages.length < 50);
  return { pages, rows: pages.flat() };
}

const names = (rows: readonly TenantListItem[]) => rows.map((row) => row.name);

describe("listTenants", () => {
  beforeAll(async () => {
    reference = await ensureReferenceData(db);
  });

  it("is empty on an empty database", async () => {
    const result = await listTenants({ search: "nothing-has-this-name" });
    expect(result).toEqual({ data: [], nextCursor: null });
  });

  it("shows plan, MRR from the current subscription, CSM, and newest first by default", async () => {
    const { user: csm } = await createStaffUser(db, { role: "success", name: "Casey Success" });
    const older = await createTenant(db, {
      name: "Listing Older Plumbing",
      trade: "plumbing",
      csmUserId: csm.id,
      createdAt: new Date(Date.now() - 60_000),
    });
    await createSubscription(db, { tenantId: older.id, planCode: "pro" });
    // A canceled subscription is history, not revenue.
    await createSubscription(db, { tenantId: older.id, planCode: "enterprise", status: "canceled" });
    const newer = await createTenant(db, { name: "Listing Newer Electrical", trade: "electrical", status: "trial" });

    const result = await listTenants({ search: "Listing " });
    expect(names(result.data)).toEqual(["Listing Newer Electrical", "Listing Older Plumbing"]);
    const [first, second] = result.data;
    expect(first).toMatchObject({ status: "trial", mrrCents: 0, plan: null, csm: null });
    expect(second).toMatchObject({
      trade: "plumbing",
      mrrCents: reference.plans.pro.priceCents,
      csm: { id: csm.id, name: "Casey Success" },
    });
    expect(second?.plan?.name).toBeDefined();
    expect(result.nextCursor).toBeNull();
    expect(newer.id).toBe(first?.id);
  });

  it("searches name or slug case-insensitively and treats % and _ literally", async () => {
    await createTenant(db, { name: "Searchable 100% Drains", slug: "searchable-drains" });
    await createTenant(db, { name: "Searchable Sparks", slug: "searchable-sparks" });
    await createTenant(db, { name: "Searchable Coolers", slug: "cool-air-co" });

    expect(names((await listTenants({ search: "SEARCHABLE" })).data).sort()).toEqual([
      "Searchable 100% Drains",
      "Searchable Coolers",
      "Searchable Sparks",
    ]);
    expect(names((await listTenants({ search: "cool-air" })).data)).toEqual(["Searchable Coolers"]);
    expect(names((await listTenants({ search: "100%" })).data)).toEqual(["Searchable 100% Drains"]);
    // `%` alone would match everything if it were not escaped.
    expect(names((await listTenants({ search: "%" })).data)).toEqual(["Searchable 100% Drains"]);
    expect((await listTenants({ search: "searchable_" })).data).toEqual([]);
  });

  it("filters by status, trade, region, onboarding status and plan", async () => {
    const base = { region: "Filterland" };
    const hvacActive = await createTenant(db, { ...base, name: "Filter HVAC Active", trade: "hvac", status: "active" });
    await createSubscription(db, { tenantId: hvacActive.id, planCode: "enterprise" });
    await createTenant(db, { ...base, name: "Filter HVAC Suspended", trade: "hvac", status: "suspended" });
    await createTenant(db, {
      ...base,
      name: "Filter Plumbing Onboarding",
      trade: "plumbing",
      status: "trial",
      onboardingStatus: "in_progress",
    });

    const inRegion = (options: ListTenantsOptions) => listTenants({ ...options, region: "Filterland" });
    expect(names((await inRegion({})).data)).toHaveLength(3);
    expect(names((await inRegion({ trade: "hvac" })).data).sort()).toEqual([
      "Filter HVAC Active",
      "Filter HVAC Suspended",
    ]);
    expect(names((await inRegion({ trade: "hvac", status: "suspended" })).data)).toEqual(["Filter HVAC Suspended"]);
    expect(names((await inRegion({ onboardingStatus: "in_progress" })).data)).toEqual(["Filter Plumbing Onboarding"]);
    expect(names((await inRegion({ planId: reference.plans.enterprise.id })).data)).toEqual(["Filter HVAC Active"]);
    expect((await listTenants({ region: "Nowhere" })).data).toEqual([]);
  });

  it("sorts by name, MRR and status in both directions", async () => {
    const region = "Sortland";
    await createTenant(db, { region, name: "sort Alpha", status: "trial" });
    const bravo = await createTenant(db, { region, name: "Sort Bravo", status: "active" });
    const charlie = await createTenant(db, { region, name: "Sort Charlie", status: "past_due" });
    await createSubscription(db, { tenantId: bravo.id, planCode: "enterprise" });
    await createSubscription(db, { tenantId: charlie.id, planCode: "basic", status: "past_due" });

    expect(names((await listTenants({ region, sort: "name" })).data)).toEqual([
      "sort Alpha",
      "Sort Bravo",
      "Sort Charlie",
    ]);
    expect(names((await listTenants({ region, sort: "name", direction: "desc" })).data)).toEqual([
      "Sort Charlie",
      "Sort Bravo",
      "sort Alpha",
    ]);
    const byMrr = (await listTenants({ region, sort: "mrr" })).data;
    expect(byMrr.map((row) => row.mrrCents)).toEqual([
      reference.plans.enterprise.priceCents,
      reference.plans.basic.priceCents,
      0,
    ]);
    expect(names((await listTenants({ region, sort: "status" })).data)).toEqual([
      "Sort Bravo",
      "Sort Charlie",
      "sort Alpha",
    ]);
  });

  it("pages through every sort without duplicates or skips, even with ties", async () => {
    const region = "Pageland";
    const createdAt = new Date(Date.now() - 3_600_000);
    // Twelve tenants sharing one created_at, MRR and status: only the id breaks the tie.
    for (let index = 0; index < 12; index++) {
      await createTenant(db, { region, name: `Page Tenant ${String(index).padStart(2, "0")}`, createdAt });
    }
    for (const sort of ["created", "name", "mrr", "status"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        const { pages, rows } = await allPages({ region, sort, direction, limit: 5 });
        expect(pages.map((page) => page.length)).toEqual([5, 5, 2]);
        expect(new Set(rows.map((row) => row.id)).size).toBe(12);
      }
    }
  });

  it("keeps microsecond timestamps exact in the cursor", async () => {
    const region = "Microland";
    await createTenant(db, { region, name: "Micro 1" });
    await createTenant(db, { region, name: "Micro 2" });
    await createTenant(db, { region, name: "Micro 3" });
    const { rows } = await allPages({ region, sort: "created", direction: "desc", limit: 1 });
    expect(names(rows)).toEqual(["Micro 3", "Micro 2", "Micro 1"]);
  });

  it("refuses a cursor from another sort order or one that was tampered with", async () => {
    const region = "Cursorland";
    await createTenant(db, { region, name: "Cursor A" });
    await createTenant(db, { region, name: "Cursor B" });
    const first = await listTenants({ region, sort: "name", limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const cursor = first.nextCursor ?? "";
    await expect(listTenants({ region, sort: "created", cursor })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(listTenants({ region, cursor: "not-a-cursor!" })).rejects.toBeInstanceOf(AppError);
    await expect(
      listTenants({ region, cursor: encodeCursor({ sort: "created", direction: "desc", value: 1, id: "x" }) }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });
});
