import { db } from "@pp/db";
import {
  createDispute,
  createInvoice,
  createLead,
  createTenant,
  ensureReferenceData,
  recordApiUsage,
} from "@pp/db/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { listTenants } from "../tenants/list-tenants";
import { getProviderKpis } from "./get-provider-kpis";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("getProviderKpis", () => {
  beforeAll(async () => {
    await ensureReferenceData(db);
  });

  it("counts zero everywhere on an empty database", async () => {
    expect(await getProviderKpis()).toMatchObject({
      activeTenants: 0,
      trialingTenants: 0,
      pastDueTenants: 0,
      newThisMonth: 0,
      disputesPending: 0,
      invoicesOverdue: 0,
      invoicesOverdueAmountCents: 0,
      apiRequests24h: 0,
    });
  });

  it("counts tenants, disputes, overdue invoices and API requests from the rows", async () => {
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const beforeMonth = new Date(monthStart.getTime() - DAY);

    const active = await createTenant(db, { status: "active", createdAt: beforeMonth });
    await createTenant(db, { status: "active", createdAt: beforeMonth });
    await createTenant(db, { status: "trial", createdAt: monthStart });
    await createTenant(db, { status: "past_due", createdAt: beforeMonth });
    await createTenant(db, { status: "churned", createdAt: beforeMonth });

    const leads = await Promise.all([1, 2, 3].map(() => createLead(db, { tenantId: active.id })));
    await createDispute(db, { leadId: leads[0]?.id ?? "" });
    await createDispute(db, { leadId: leads[1]?.id ?? "" });
    await createDispute(db, { leadId: leads[2]?.id ?? "", status: "approved" });

    const line = { kind: "subscription" as const, description: "Basic plan", unitAmountCents: 9_900 };
    await createInvoice(db, { tenantId: active.id, lines: [line], dueAt: new Date(now.getTime() - DAY) });
    await createInvoice(db, { tenantId: active.id, lines: [line], dueAt: new Date(now.getTime() - 2 * DAY) });
    await createInvoice(db, { tenantId: active.id, lines: [line], dueAt: new Date(now.getTime() + DAY) });
    await createInvoice(db, {
      tenantId: active.id,
      lines: [line],
      status: "paid",
      dueAt: new Date(now.getTime() - DAY),
    });

    await recordApiUsage(db, [
      { tenantId: active.id, at: new Date(now.getTime() - HOUR) },
      { tenantId: active.id, at: new Date(now.getTime() - 23 * HOUR) },
      { tenantId: null, app: "portal", at: new Date(now.getTime() - 2 * HOUR) },
      { tenantId: active.id, at: new Date(now.getTime() - 25 * HOUR) },
    ]);

    expect(await getProviderKpis({ now })).toMatchObject({
      activeTenants: 2,
      trialingTenants: 1,
      pastDueTenants: 1,
      // Only the trial was created this month (at its very first instant).
      newThisMonth: 1,
      disputesPending: 2,
      invoicesOverdue: 2,
      invoicesOverdueAmountCents: 2 * 9_900,
      apiRequests24h: 3,
      asOf: now,
    });
  });

  it("counts a tenant created a second ago as new this month and lists it first among the newest", async () => {
    const before = await getProviderKpis();
    const fresh = await createTenant(db, { name: "Just Signed Up Plumbing", status: "trial" });
    const after = await getProviderKpis();
    expect(after.newThisMonth).toBe(before.newThisMonth + 1);
    expect(after.trialingTenants).toBe(before.trialingTenants + 1);
    const newest = await listTenants({ sort: "created", direction: "desc", limit: 5 });
    expect(newest.data[0]?.id).toBe(fresh.id);
  });
});
