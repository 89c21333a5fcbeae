import { verifyPassword } from "better-auth/crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../client";
import {
  accounts,
  apiUsage,
  featureUsage,
  invoices,
  leadCategories,
  leads,
  memberships,
  plans,
  playbooks,
  slaPolicies,
  staffMembers,
  subscriptionEvents,
  tenants,
} from "../schema";
import {
  createDispute,
  createInvoice,
  createLead,
  createMember,
  createPayment,
  createStaffUser,
  createSubscription,
  createTenant,
  createUser,
  ensureReferenceData,
  leadDedupeKey,
  recordApiUsage,
  recordFeatureUsage,
} from "./index";

async function rowCount(table: typeof plans | typeof leadCategories | typeof slaPolicies | typeof playbooks) {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

describe("factories", () => {
  it("upserts reference data by natural key, so running it twice changes nothing", async () => {
    const first = await ensureReferenceData(db);
    const second = await ensureReferenceData(db);
    expect(second.plans.basic.id).toBe(first.plans.basic.id);
    expect(second.plans.pro).toMatchObject({ priceCents: 24_900, includedLeads: 75, pricePerLeadCents: 3_500 });
    expect(second.plans.enterprise.apiRateLimitPerMinute).toBe(1_200);
    expect(second.slaPolicies.sev1).toMatchObject({ ackMinutes: 15, resolveMinutes: 240 });
    expect(second.slaPolicies.sev4).toMatchObject({ ackMinutes: 1_440, resolveMinutes: 10_080 });
    expect(second.categories.get("hvac:heat_pump")?.priceCents).toBeGreaterThan(0);
    expect(await rowCount(plans)).toBe(3);
    expect(await rowCount(leadCategories)).toBe(15);
    expect(await rowCount(slaPolicies)).toBe(4);
    expect(await rowCount(playbooks)).toBe(3);
  });

  it("builds a tenant's world from defaults that satisfy every check constraint", async () => {
    const reference = await ensureReferenceData(db);
    const tenant = await createTenant(db);
    const other = await createTenant(db);
    expect(tenant.slug).not.toBe(other.slug);
    expect(tenant).toMatchObject({ trade: "plumbing", status: "active" });
    expect(tenant.serviceAreas.length).toBeGreaterThan(0);

    const { user: owner } = await createMember(db, { tenantId: tenant.id, role: "owner", password: "correct horse 1" });
    const [account] = await db.select().from(accounts).where(eq(accounts.userId, owner.id));
    expect(account).toMatchObject({ providerId: "credential", accountId: owner.id });
    expect(await verifyPassword({ hash: account?.password ?? "", password: "correct horse 1" })).toBe(true);
    await createMember(db, { tenantId: tenant.id, userId: (await createUser(db)).id, role: "dispatcher" });
    const [members] = await db.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenant.id));
    expect(members?.n).toBe(2);

    const { staff } = await createStaffUser(db, { role: "billing", password: "staff pass 2" });
    const [staffRow] = await db.select().from(staffMembers).where(eq(staffMembers.id, staff.id));
    expect(staffRow).toMatchObject({ role: "billing", status: "active" });

    const subscription = await createSubscription(db, { tenantId: tenant.id, planCode: "pro", quantity: 2 });
    expect(subscription.mrrCents).toBe(2 * reference.plans.pro.priceCents);
    const events = await db
      .select()
      .from(subscriptionEvents)
      .where(eq(subscriptionEvents.subscriptionId, subscription.id));
    expect(events).toEqual([
      expect.objectContaining({ type: "new", mrrBeforeCents: 0, mrrAfterCents: subscription.mrrCents }),
    ]);
    const [withPlan] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(withPlan?.planId).toBe(reference.plans.pro.id);
    const trial = await createSubscription(db, { tenantId: other.id, status: "trialing" });
    expect(trial.mrrCents).toBe(0);

    const lead = await createLead(db, {
      tenantId: tenant.id,
      category: "water_heater",
      contact: { name: "Ann", phone: "+1-512-555-0199" },
      serviceAddress: { zip: "78704" },
    });
    expect(lead.priceCents).toBe(reference.categories.get("plumbing:water_heater")?.priceCents);
    expect(lead.dedupeKey).toBe(
      leadDedupeKey({ contact: { name: "Ann", phone: "+1-512-555-0199" }, zip: "78704", category: "water_heater" }),
    );
    expect(lead.dedupeKey).toBe("+1-512-555-0199:78704:water_heater");
    const pending = await createDispute(db, { leadId: lead.id });
    expect(pending).toMatchObject({ status: "pending", decidedAt: null, tenantId: tenant.id });
    const approved = await createDispute(db, {
      leadId: (await createLead(db, { tenantId: tenant.id })).id,
      status: "approved",
    });
    expect(approved.decidedAt).not.toBeNull();
    expect(approved.creditCents).toBeGreaterThan(0);

    const issuedAt = new Date(Date.UTC(2025, 2, 10));
    const invoice = await createInvoice(db, {
      tenantId: tenant.id,
      subscriptionId: subscription.id,
      issuedAt,
      lines: [
        { kind: "subscription", description: "Pro plan", unitAmountCents: 24_900, quantity: 2 },
        { kind: "lead", description: "Lead", unitAmountCents: lead.priceCents, leadId: lead.id },
        { kind: "credit", description: "Goodwill", unitAmountCents: -1_000 },
      ],
    });
    expect(invoice.number).toBe("INV-202503-00001");
    expect(invoice).toMatchObject({
      status: "open",
      subtotalCents: 49_800 + lead.priceCents,
      creditCents: 1_000,
      totalCents: 48_800 + lead.priceCents,
      amountDueCents: 48_800 + lead.priceCents,
    });
    const [invoicedLead] = await db.select().from(leads).where(eq(leads.id, lead.id));
    expect(invoice.lines.map((line) => line.id)).toContain(invoicedLead?.invoiceLineId);
    const next = await createInvoice(db, { tenantId: tenant.id, issuedAt, lines: [] });
    expect(next.number).toBe("INV-202503-00002");

    await createPayment(db, { invoiceId: invoice.id, status: "failed" });
    await createPayment(db, { invoiceId: invoice.id });
    const [paid] = await db.select().from(invoices).where(eq(invoices.id, invoice.id));
    expect(paid).toMatchObject({ status: "paid", amountDueCents: 0, retryAttempts: 1 });

    const at = new Date(Date.now() - 3 * 86_400_000);
    expect(
      await recordApiUsage(db, [
        { tenantId: tenant.id, at },
        { tenantId: tenant.id, status: 429 },
      ]),
    ).toBe(2);
    expect(
      await recordFeatureUsage(db, [
        { tenantId: tenant.id },
        { tenantId: tenant.id, featureKey: "LeadDisputed", count: 3 },
      ]),
    ).toBe(2);
    const [usage] = await db.select({ n: count() }).from(apiUsage).where(eq(apiUsage.tenantId, tenant.id));
    const [features] = await db
      .select({ n: count() })
      .from(featureUsage)
      .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "LeadDisputed")));
    expect(usage?.n).toBe(2);
    expect(features?.n).toBe(1);
  });
});
