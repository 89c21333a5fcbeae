import { db } from "@pp/db";
import { createTenant } from "@pp/db/factories";
import { describe, expect, it } from "vitest";
import { MAX_SEARCH_RESULTS, searchTenants } from "./search-tenants";

describe("searchTenants", () => {
  it("finds tenants by name or slug, exact slug and prefixes first", async () => {
    const exact = await createTenant(db, { name: "Zeta Plumbing", slug: "aqua" });
    await createTenant(db, { name: "Aqua Flow Plumbing", slug: "flow-plumbing" });
    await createTenant(db, { name: "Best Aqua Services", slug: "best-services" });
    await createTenant(db, { name: "Unrelated Electric", slug: "unrelated-electric" });

    const results = await searchTenants({ query: "AQUA" });
    expect(results.map((tenant) => tenant.name)).toEqual(["Zeta Plumbing", "Aqua Flow Plumbing", "Best Aqua Services"]);
    expect(results[0]).toEqual({ id: exact.id, name: "Zeta Plumbing", slug: "aqua", status: exact.status });
    expect((await searchTenants({ query: "flow-plum" })).map((tenant) => tenant.slug)).toEqual(["flow-plumbing"]);
  });

  it("returns nothing for a blank query and matches % literally", async () => {
    await createTenant(db, { name: "Percent Free Heating" });
    expect(await searchTenants({ query: "   " })).toEqual([]);
    expect(await searchTenants({ query: "%" })).toEqual([]);
  });

  it("returns at most eight tenants", async () => {
    for (let index = 0; index < 10; index++) await createTenant(db, { name: `Capped Result ${index}` });
    expect(await searchTenants({ query: "capped result" })).toHaveLength(MAX_SEARCH_RESULTS);
    expect(await searchTenants({ query: "capped result", limit: 50 })).toHaveLength(MAX_SEARCH_RESULTS);
  });
});
