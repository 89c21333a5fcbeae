import { db } from "@pp/db";
import { createTenant, ensureReferenceData } from "@pp/db/factories";
import { plans } from "@pp/db/schema";
import { describe, expect, it } from "vitest";
import { listTenantFilterOptions } from "./list-tenant-filter-options";

describe("listTenantFilterOptions", () => {
  it("offers live plans cheapest first and each region in use once", async () => {
    const reference = await ensureReferenceData(db);
    await db.insert(plans).values({ code: "legacy", name: "Legacy", priceCents: 1, archivedAt: new Date() });
    await createTenant(db, { region: "West" });
    await createTenant(db, { region: "East" });
    await createTenant(db, { region: "West" });
    await createTenant(db, { region: null });

    const options = await listTenantFilterOptions();
    expect(options.plans.map((plan) => plan.id)).toEqual([
      reference.plans.basic.id,
      reference.plans.pro.id,
      reference.plans.enterprise.id,
    ]);
    expect(options.regions).toEqual(["East", "West"]);
  });
});
