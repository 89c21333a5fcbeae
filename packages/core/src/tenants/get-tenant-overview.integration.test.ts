import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import {
  createDispute,
  createInvoice,
  createLead,
  createMember,
  createStaffUser,
  createSubscription,
  createTenant,
  ensureReferenceData,
  type ReferenceData,
} from "@pp/db/factories";
import { coupons, subscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getTenantOverview, RECENT_ACTIVITY_LIMIT } from "./get-tenant-overview";

const NOW = new Date("2026-03-15T12:00:00.000Z");
const DAY = 86_400_000;
let reference: ReferenceData;

describe("getTenantOverview", () => {
  beforeAll(async () => {
    reference = await ensureReferenceData(db);
  });

  it("is not_found for an unknown id and for a malformed one", async () => {
    await expect(getTenantOverview({ tenantId: randomUUID() })).rejects.toMatchObject({ code: "not_found" });
    await expect(getTenantOverview({ tenantId: "not-a-uuid" })).rejects.toMatchObject({ code: "not_found" });
    await expect(getTenantOverview({ tenantId: "' or 1=1 --" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("shows a brand-new tenant with nothing yet", async () => {
    const tenant = await createTenant(db, { status: "trial" });
    const overview = await getTenantOverview({ tenantId: tenant.id, now: NOW });
    expect(overview).toMatchObject({
      tenant: { id: tenant.id, name: tenant.name, status: "trial" },
      owner: null,
      csm: null,
      subscription: null,
      renewalDate: null,
      arrCents: 0,
      invoices: { openCount: 0, amountDueCents: 0, overdueCount: 0, overdueAmountCents: 0, lastPaid: null },
      leadsThisMonth: { total: 0, bySource: [] },
      disputes: { pending: 0, approved: 0, rejected: 0 },
      recentActivity: [],
    });
  });

  it("aggregates the tenant's own rows and none of another tenant's", async () => {
    const { user: csm } = await createStaffUser(db, { role: "success", name: "Casey CSM" });
    const tenant = await createTenant(db, { name: "Overview Plumbing", csmUserId: csm.id });
    const other = await createTenant(db, { name: "Someone Else" });
    const { user: owner } = await createMember(db, {
      tenantId: tenant.id,
      role: "owner",
      name: "Olive Owner",
      email: "olive@overview.test",
    });
    await createMember(db, { tenantId: tenant.id, role: "technician", name: "Tech Tom" });

    const [coupon] = await db
      .insert(coupons)
      .values({ code: "WELCOME10", name: "Welcome 10%", percentOff: 10 })
      .returning();
    const subscription = await createSubscription(db, {
      tenantId: tenant.id,
      planCode: "pro",
      startedAt: new Date("2026-03-01T00:00:00.000Z"),
      couponId: coupon?.id,
    });
    await createSubscription(db, { tenantId: other.id, planCode: "enterprise" });

    const line = { kind: "subscription" as const, description: "Pro plan", unitAmountCents: 24_900 };
    await createInvoice(db, {
      tenantId: tenant.id,
      lines: [line],
      status: "open",
      dueAt: new Date(NOW.getTime() - 3 * DAY),
    });
    await createInvoice(db, {
      tenantId: tenant.id,
      lines: [line],
      status: "open",
      dueAt: new Date(NOW.getTime() + 3 * DAY),
    });
    await createInvoice(db, {
      tenantId: tenant.id,
      lines: [line],
      status: "paid",
      issuedAt: new Date("2026-02-01T00:00:00Z"),
    });
    await createInvoice(db, {
      tenantId: other.id,
      lines: [line],
      status: "open",
      dueAt: new Date(NOW.getTime() - DAY),
    });

    const thisMonth = new Date("2026-03-10T00:00:00.000Z");
    const lastMonth = new Date("2026-02-27T00:00:00.000Z");
    const web1 = await createLead(db, { tenantId: tenant.id, source: "web", receivedAt: thisMonth });
    const web2 = await createLead(db, { tenantId: tenant.id, source: "web", receivedAt: thisMonth });
    const phone = await createLead(db, { tenantId: tenant.id, source: "phone", receivedAt: thisMonth });
    await createLead(db, { tenantId: tenant.id, source: "import", receivedAt: lastMonth });
    const otherLead = await createLead(db, { tenantId: other.id, source: "web", receivedAt: thisMonth });
    await createDispute(db, { leadId: web1.id });
    await createDispute(db, { leadId: web2.id, status: "approved" });
    await createDispute(db, { leadId: phone.id, status: "rejected" });
    await createDispute(db, { leadId: otherLead.id });

    for (let index = 0; index < RECENT_ACTIVITY_LIMIT + 2; index++) {
      await recordAuditEvent({
        actor: { kind: "system", label: "billing-job" },
        action: "invoice.reminder_sent",
        tenantId: tenant.id,
        target: { type: "invoice", id: `inv-${index}` },
      });
    }
    await recordAuditEvent({ actor: { kind: "system", label: "x" }, action: "tenant.updated", tenantId: other.id });

    const overview = await getTenantOverview({ tenantId: tenant.id, now: NOW });
    expect(overview.owner).toEqual({ id: owner.id, name: "Olive Owner", email: "olive@overview.test" });
    expect(overview.csm).toMatchObject({ id: csm.id, name: "Casey CSM" });
    expect(overview.plan).toMatchObject({ id: reference.plans.pro.id, name: reference.plans.pro.name });
    expect(overview.subscription).toMatchObject({
      id: subscription.id,
      status: "active",
      planName: reference.plans.pro.name,
      mrrCents: reference.plans.pro.priceCents,
      coupon: { code: "WELCOME10", name: "Welcome 10%" },
    });
    expect(overview.renewalDate).toEqual(subscription.currentPeriodEnd);
    expect(overview.arrCents).toBe(reference.plans.pro.priceCents * 12);
    expect(overview.invoices).toMatchObject({
      openCount: 2,
      amountDueCents: 2 * 24_900,
      overdueCount: 1,
      overdueAmountCents: 24_900,
      lastPaid: { totalCents: 24_900 },
    });
    expect(overview.leadsThisMonth).toEqual({
      total: 3,
      bySource: [
        { source: "web", count: 2 },
        { source: "phone", count: 1 },
      ],
    });
    expect(overview.disputes).toEqual({ pending: 1, approved: 1, rejected: 1 });
    expect(overview.recentActivity).toHaveLength(RECENT_ACTIVITY_LIMIT);
    expect(overview.recentActivity[0]).toMatchObject({
      actor: "billing-job",
      action: "invoice.reminder_sent",
      target: `invoice inv-${RECENT_ACTIVITY_LIMIT + 1}`,
    });
  });

  it("ignores canceled subscriptions for renewal and ARR", async () => {
    const tenant = await createTenant(db);
    const canceled = await createSubscription(db, { tenantId: tenant.id, planCode: "enterprise", status: "canceled" });
    const overview = await getTenantOverview({ tenantId: tenant.id, now: NOW });
    expect(overview.subscription).toBeNull();
    expect(overview.arrCents).toBe(0);
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, canceled.id));
    expect(row?.status).toBe("canceled");
  });
});
