import { db } from "@pp/db";
import { createTenant } from "@pp/db/factories";
import { describe, expect, it } from "vitest";
import { getTenantOption } from "./get-tenant-option";
import { MAX_SEARCH_LIMIT, MAX_SEARCH_RESULTS, searchTenants } from "./search-tenants";

describe("searchTenants", () => {
  it("finds tenants by name or slug, exact slug and prefixes first", async () => {
    const exact = await createTenant(db, { name: "Zeta Plumbing", slug: "aqua" });
    await createTenant(db, { name: "Aqua Flow Plumbing", slug: "flow-plumbing" });
    await createTenant(db, { name: "Best Aqua Services", slug: "best-services" });
    await createTenant(db, { name: "Unrelated Electric", slug: "unrelated-electric" });

    const results = await searchTenants({ query: "AQUA" });
    expect(results.data.map((tenant) => tenant.name)).toEqual([
      "Zeta Plumbing",
      "Aqua Flow Plumbing",
      "Best Aqua Services",
    ]);
    expect(results.data[0]).toEqual({
      id: exact.id,
      name: "Zeta Plumbing",
      slug: "aqua",
      status: exact.status,
      sharesName: false,
    });
    expect(results.total).toBe(3);
    expect((await searchTenants({ query: "flow-plum" })).data.map((tenant) => tenant.slug)).toEqual(["flow-plumbing"]);
  });

  it("matches % literally", async () => {
    await createTenant(db, { name: "Percent Free Heating" });
    expect(await searchTenants({ query: "%" })).toEqual({ data: [], nextCursor: null, total: 0 });
  });

  it("returns eight by default and at most fifty, and says how many match in all", async () => {
    for (let index = 0; index < 10; index++) await createTenant(db, { name: `Capped Result ${index}` });
    const palette = await searchTenants({ query: "capped result" });
    expect(palette.data).toHaveLength(MAX_SEARCH_RESULTS);
    expect(palette.total).toBe(10);
    await expect(searchTenants({ query: "capped result", limit: MAX_SEARCH_LIMIT + 1 })).rejects.toThrow('"limit"');
  });

  it("resolves the tenant a picker opens on, and nothing for an id that is not one", async () => {
    const tenant = await createTenant(db, { name: "Picked Roofing", slug: "picked-roofing" });
    await expect(getTenantOption({ id: tenant.id })).resolves.toMatchObject({
      name: "Picked Roofing",
      sharesName: false,
    });
    await expect(getTenantOption({ id: "not-a-uuid" })).resolves.toBeNull();
    await expect(getTenantOption({ id: undefined })).resolves.toBeNull();
  });
});
