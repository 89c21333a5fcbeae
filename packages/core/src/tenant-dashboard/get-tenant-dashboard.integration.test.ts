import { db } from "@pp/db";
import { createDispute, createInvoice, createLead, createTenant, ensureReferenceData } from "@pp/db/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { getTenantDashboard } from "./get-tenant-dashboard";

// Wednesday 15 January 2025, 11:00 in Denver: the ISO week began Monday 13 January 00:00 Denver (07:00 UTC).
const now = new Date("2025-01-15T18:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

describe("getTenantDashboard", () => {
  beforeAll(async () => {
    await ensureReferenceData(db);
  });

  it("counts this week's leads in the tenant's timezone and ignores other tenants", async () => {
    const tenant = await createTenant(db, { timezone: "America/Denver" });
    const other = await createTenant(db, { timezone: "America/Denver" });
    await createLead(db, { tenantId: tenant.id, receivedAt: new Date("2025-01-13T07:30:00Z") }); // Monday 00:30 Denver
    await createLead(db, { tenantId: tenant.id, receivedAt: new Date("2025-01-15T10:00:00Z") });
    await createLead(db, { tenantId: tenant.id, receivedAt: new Date("2025-01-13T06:30:00Z") }); // Sunday 23:30 Denver
    await createLead(db, { tenantId: other.id, receivedAt: new Date("2025-01-14T12:00:00Z") });

    const dashboard = await getTenantDashboard({ tenantId: tenant.id, now });

    expect(dashboard.weekStartsAt.toISOString()).toBe("2025-01-13T07:00:00.000Z");
    expect(dashboard.newLeadsThisWeek).toBe(2);
    expect(dashboard.recentLeads.map((lead) => lead.receivedAt.toISOString())).toEqual([
      "2025-01-15T10:00:00.000Z",
      "2025-01-13T07:30:00.000Z",
      "2025-01-13T06:30:00.000Z",
    ]);
  });

  it("shows pending disputes and those decided in the last 30 days", async () => {
    const tenant = await createTenant(db);
    const other = await createTenant(db);
    const leads = await Promise.all(
      Array.from({ length: 4 }, (_, index) => createLead(db, { tenantId: tenant.id, receivedAt: daysAgo(50 + index) })),
    );
    const [first, second, third, fourth] = leads;
    if (!first || !second || !third || !fourth) throw new Error("leads not created");
    await createDispute(db, { leadId: first.id });
    await createDispute(db, { leadId: second.id });
    const approved = await createDispute(db, { leadId: third.id, status: "approved", decidedAt: daysAgo(3) });
    await createDispute(db, { leadId: fourth.id, status: "rejected", decidedAt: daysAgo(40) });
    const otherLead = await createLead(db, { tenantId: other.id });
    await createDispute(db, { leadId: otherLead.id });

    const dashboard = await getTenantDashboard({ tenantId: tenant.id, now });

    expect(dashboard.disputesPending).toBe(2);
    expect(dashboard.disputesRecentlyDecided).toEqual([
      expect.objectContaining({ id: approved.id, leadId: third.id, status: "approved", creditCents: third.priceCents }),
    ]);
  });

  it("shows the draft or open invoice due first, or none", async () => {
    const tenant = await createTenant(db);
    const other = await createTenant(db);
    const line = { kind: "subscription" as const, description: "Pro plan", unitAmountCents: 19_900 };
    await createInvoice(db, { tenantId: tenant.id, status: "paid", dueAt: daysAgo(20), lines: [line] });
    await createInvoice(db, { tenantId: tenant.id, status: "open", dueAt: daysAgo(-17), lines: [line] });
    const draft = await createInvoice(db, { tenantId: tenant.id, status: "draft", dueAt: daysAgo(-5), lines: [line] });
    await createInvoice(db, { tenantId: other.id, status: "open", dueAt: daysAgo(2), lines: [line] });

    const dashboard = await getTenantDashboard({ tenantId: tenant.id, now });
    expect(dashboard.nextInvoice).toEqual({
      id: draft.id,
      number: draft.number,
      status: "draft",
      amountDueCents: 19_900,
      currency: "USD",
      dueAt: daysAgo(-5),
      overdue: false,
    });

    const empty = await getTenantDashboard({ tenantId: (await createTenant(db)).id, now });
    expect(empty).toMatchObject({
      newLeadsThisWeek: 0,
      disputesPending: 0,
      disputesRecentlyDecided: [],
      nextInvoice: null,
      recentLeads: [],
    });
  });

  it("flags an open invoice past its due date as overdue", async () => {
    const tenant = await createTenant(db);
    const line = { kind: "subscription" as const, description: "Basic plan", unitAmountCents: 9_900 };
    const open = await createInvoice(db, { tenantId: tenant.id, status: "open", dueAt: daysAgo(4), lines: [line] });
    const dashboard = await getTenantDashboard({ tenantId: tenant.id, now });
    expect(dashboard.nextInvoice).toMatchObject({ id: open.id, overdue: true, amountDueCents: 9_900 });
  });
});
