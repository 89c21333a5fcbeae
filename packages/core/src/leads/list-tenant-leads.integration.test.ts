import { db } from "@pp/db";
import { createDispute, createLead, createTenant, ensureReferenceData } from "@pp/db/factories";
import type { leads } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { ZTenantLeadFilters } from "./lead-filters";
import { listTenantLeads } from "./list-tenant-leads";

let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  await ensureReferenceData(db);
  const tenant = await createTenant(db, { trade: "plumbing", timezone: "America/Chicago" });
  const other = await createTenant(db, { trade: "plumbing" });
  tenantId = tenant.id;
  otherTenantId = other.id;
  const lead = (name: string, receivedAt: string, extra: Partial<typeof leads.$inferInsert> = {}) =>
    createLead(db, {
      tenantId,
      contact: { name, phone: "+1-312-555-0101" },
      receivedAt: new Date(receivedAt),
      ...extra,
    });

  await lead("Ada Lovelace", "2025-03-01T15:00:00Z", { source: "web", category: "water_heater" });
  await lead("Grace Hopper", "2025-03-02T05:30:00Z", { source: "phone", status: "contacted" }); // 1 March 23:30 Chicago
  await lead("Alan Turing", "2025-03-02T07:00:00Z", { source: "marketplace", status: "won" }); // 2 March 01:00 Chicago
  const disputed = await lead("Katherine Johnson", "2025-03-03T12:00:00Z", { source: "import" });
  await lead("Edsger 100% Dijkstra", "2025-03-04T12:00:00Z", { description: "Leaking pipe under sink" });
  await createDispute(db, { leadId: disputed.id });
  await createLead(db, {
    tenantId: otherTenantId,
    contact: { name: "Ada Other" },
    receivedAt: new Date("2025-03-01T16:00:00Z"),
  });
});

const names = (page: { data: { contactName: string }[] }) => page.data.map((row) => row.contactName);

describe("listTenantLeads", () => {
  it("lists only the tenant's leads, newest first, with the dispute status", async () => {
    const page = await listTenantLeads({ tenantId });
    expect(names(page)).toEqual([
      "Edsger 100% Dijkstra",
      "Katherine Johnson",
      "Alan Turing",
      "Grace Hopper",
      "Ada Lovelace",
    ]);
    expect(page.nextCursor).toBeNull();
    expect(page.data.find((row) => row.contactName === "Katherine Johnson")?.disputeStatus).toBe("pending");
    expect(page.data.find((row) => row.contactName === "Ada Lovelace")).toMatchObject({
      category: "water_heater",
      categoryName: "Water heater",
      priceCents: 6_500,
      billingStatus: "billable",
      disputeStatus: null,
    });
  });

  it("filters by status, source, category and search", async () => {
    expect(names(await listTenantLeads({ tenantId, status: "won" }))).toEqual(["Alan Turing"]);
    expect(names(await listTenantLeads({ tenantId, source: "phone" }))).toEqual(["Grace Hopper"]);
    expect(names(await listTenantLeads({ tenantId, dispute: "pending" }))).toEqual(["Katherine Johnson"]);
    expect(names(await listTenantLeads({ tenantId, dispute: "none" }))).toHaveLength(4);
    expect(names(await listTenantLeads({ tenantId, category: "water_heater" }))).toEqual(["Ada Lovelace"]);
    expect(names(await listTenantLeads({ tenantId, search: "ada" }))).toEqual(["Ada Lovelace"]);
    expect(names(await listTenantLeads({ tenantId, search: "leaking" }))).toEqual(["Edsger 100% Dijkstra"]);
    // A literal % is text to match, not a wildcard.
    expect(names(await listTenantLeads({ tenantId, search: "100%" }))).toEqual(["Edsger 100% Dijkstra"]);
    expect(names(await listTenantLeads({ tenantId, search: "0%D" }))).toEqual([]);
  });

  it("reads from/to as whole days in the tenant's timezone", async () => {
    expect(names(await listTenantLeads({ tenantId, from: "2025-03-02", to: "2025-03-02" }))).toEqual(["Alan Turing"]);
    expect(names(await listTenantLeads({ tenantId, to: "2025-03-01" }))).toEqual(["Grace Hopper", "Ada Lovelace"]);
    expect(names(await listTenantLeads({ tenantId, from: "2025-03-03" }))).toEqual([
      "Edsger 100% Dijkstra",
      "Katherine Johnson",
    ]);
  });

  it("pages with a cursor without skipping or repeating rows, even when times tie to the microsecond", async () => {
    const tied = new Date("2025-03-05T12:00:00Z");
    for (let index = 0; index < 3; index++) {
      await createLead(db, { tenantId, contact: { name: `Tied ${index}` }, receivedAt: tied });
    }
    await db.execute(
      sql`update leads set received_at = received_at + interval '123 microseconds' where tenant_id = ${tenantId} and contact->>'name' like 'Tied %'`,
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listTenantLeads({ tenantId, limit: 2, cursor });
      seen.push(...page.data.map((row) => row.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);

    const all = await listTenantLeads({ tenantId, limit: 100 });
    expect(seen).toEqual(all.data.map((row) => row.id));
    expect(new Set(seen).size).toBe(8);
    expect(pages).toBe(4);
  });

  it("refuses a cursor it did not issue with a 400 naming the parameter", async () => {
    const attempt = listTenantLeads({ tenantId, cursor: "not-a-cursor" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "validation_failed", status: 400, message: /cursor/ });
  });

  it("parses URL filters: blanks mean no filter, bad values name the field", () => {
    expect(ZTenantLeadFilters.parse({ status: "", source: "web", limit: "10" })).toEqual({ source: "web", limit: 10 });
    const bad = ZTenantLeadFilters.safeParse({ status: "bogus", from: "2025-03-05", to: "2025-03-01" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path.join("."))).toEqual(["status"]);
    const reversed = ZTenantLeadFilters.safeParse({ from: "2025-03-05", to: "2025-03-01" });
    expect(reversed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["to"]);
    expect(ZTenantLeadFilters.safeParse({ limit: "500" }).success).toBe(false);
  });
});
