import { db } from "@pp/db";
import { createTenant, ensureReferenceData } from "@pp/db/factories";
import { leadCategories } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listIntakeCategories } from "./list-intake-categories";

beforeAll(async () => {
  await ensureReferenceData(db);
});

describe("listIntakeCategories", () => {
  it("lists the tenant's trade catalog by name, each with the price a lead of it is charged", async () => {
    const tenant = await createTenant(db, { trade: "plumbing" });
    const { data } = await listIntakeCategories({ tenantId: tenant.id });
    expect(data.map((category) => category.code)).toEqual([
      "drain_cleaning",
      "leak_repair",
      "repiping",
      "sewer_line",
      "water_heater",
    ]);
    // The catalog's own prices (catalog.ts): Drain cleaning $35, Water heater $65.
    expect(data[0]).toEqual({ code: "drain_cleaning", name: "Drain cleaning", priceCents: 3_500, currency: "USD" });
    expect(data.find((category) => category.code === "water_heater")?.priceCents).toBe(6_500);
  });

  it("lists only the tenant's own trade", async () => {
    const tenant = await createTenant(db, { trade: "electrical" });
    const { data } = await listIntakeCategories({ tenantId: tenant.id });
    const plumbing = await db
      .select()
      .from(leadCategories)
      .where(and(eq(leadCategories.trade, "plumbing"), eq(leadCategories.code, "water_heater")));
    expect(plumbing).toHaveLength(1);
    expect(data.length).toBeGreaterThan(0);
    expect(data.map((category) => category.code)).not.toContain("water_heater");
  });

  it("is a 404 for a tenant that does not exist", async () => {
    await expect(listIntakeCategories({ tenantId: "00000000-0000-7000-8000-000000000000" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
