import { db } from "@pp/db";
import { createDispute, ensureReferenceData } from "@pp/db/factories";
import {
  activities,
  auditEvents,
  emailOutbox,
  featureUsage,
  invoiceLines,
  invoices,
  leadDisputes,
  leadReclassifications,
  leads,
  tenantCredits,
} from "@pp/db/schema";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { issueInvoice } from "../billing/issue-invoice";
import { recordPayment } from "../billing/record-payment";
import { APRIL, basicClient, leadFor, MARCH, memberOf } from "../billing/testing";
import { rejection, signedInStaff } from "../staff/testing";
import { decideDispute } from "./decide-dispute";
import { getDisputeRates } from "./dispute-rates";
import { raiseDispute } from "./raise-dispute";
import { reclassifyLead } from "./reclassify-lead";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const ISSUED_AT = new Date("2025-04-01T06:00:00Z");
const DECIDED_AT = new Date("2025-04-05T12:00:00Z");

/** A Basic client with a $35 and a $65 lead in March. */
async function clientWithMarchLeads() {
  const client = await basicClient();
  const drain = await leadFor(client.tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"));
  const heater = await leadFor(client.tenant, "water_heater", new Date("2025-03-20T10:00:00Z"));
  return { ...client, drain, heater };
}

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error("invoice missing");
  return row;
}

async function leadRow(id: string) {
  const [row] = await db.select().from(leads).where(eq(leads.id, id));
  if (!row) throw new Error("lead missing");
  return row;
}

describe("decideDispute (Approve Dispute)", () => {
  it("keeps an approved uninvoiced lead off the next invoice", async () => {
    const { tenant, heater } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    await createDispute(db, { leadId: heater.id });

    const decision = await decideDispute({ leadId: heater.id, decision: "approve", actor, now: DECIDED_AT });
    expect(decision).toMatchObject({
      status: "approved",
      creditCents: 0,
      billingState: "uninvoiced",
      creditLineId: null,
    });
    expect((await leadRow(heater.id)).billingStatus).toBe("credited");

    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    expect(march.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 9_900],
      ["lead", 3_500],
    ]);
    expect(march.totalCents).toBe(13_400);
    expect((await leadRow(heater.id)).invoiceLineId).toBeNull();
  });

  it("credits a lead on an open invoice with a credit line and lowers the totals", async () => {
    const { tenant, heater } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await createDispute(db, { leadId: heater.id, reasonCode: "outside_service_area" });

    const decision = await decideDispute({
      leadId: heater.id,
      decision: "approve",
      note: "Confirmed: 40 miles out",
      actor,
      now: DECIDED_AT,
    });

    expect(decision).toMatchObject({
      status: "approved",
      creditCents: 6_500,
      billingState: "open_invoice",
      invoiceId: march.id,
    });
    const after = await invoiceRow(march.id);
    expect(after).toMatchObject({
      status: "open",
      subtotalCents: 19_900,
      creditCents: 6_500,
      totalCents: 13_400,
      amountDueCents: 13_400,
    });
    const credit = await db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.invoiceId, march.id), eq(invoiceLines.kind, "credit")));
    expect(credit.map((line) => [line.amountCents, line.leadId])).toEqual([[-6_500, heater.id]]);
    const [dispute] = await db.select().from(leadDisputes).where(eq(leadDisputes.leadId, heater.id));
    expect(dispute).toMatchObject({
      status: "approved",
      decidedBy: actor.userId,
      creditCents: 6_500,
      creditLineId: credit[0]?.id,
      decisionNote: "Confirmed: 40 miles out",
    });

    // The client hears about it and the decision is on the record.
    const emails = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenant.id), eq(emailOutbox.kind, "lead_dispute_decided")));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain("We credited $65.00");
    expect(
      await db
        .select()
        .from(activities)
        .where(and(eq(activities.tenantId, tenant.id), eq(activities.relatedId, heater.id))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "lead.dispute_approved"))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(featureUsage)
        .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "ApproveDispute"))),
    ).toHaveLength(1);
  });

  it("carries the credit of a lead on a paid invoice to the next invoice", async () => {
    const { tenant, heater } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, now: ISSUED_AT });
    await createDispute(db, { leadId: heater.id });

    const decision = await decideDispute({ leadId: heater.id, decision: "approve", actor, now: DECIDED_AT });

    expect(decision).toMatchObject({ creditCents: 6_500, billingState: "paid_invoice", creditLineId: null });
    expect(await invoiceRow(march.id)).toMatchObject({ status: "paid", totalCents: 19_900, amountPaidCents: 19_900 });
    const open = await db
      .select()
      .from(tenantCredits)
      .where(and(eq(tenantCredits.tenantId, tenant.id), isNull(tenantCredits.appliedInvoiceId)));
    expect(open.map((credit) => [credit.amountCents, credit.sourceLeadId])).toEqual([[6_500, heater.id]]);

    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    expect(april.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 9_900],
      ["credit", -6_500],
    ]);
    expect(april).toMatchObject({ subtotalCents: 9_900, creditCents: 6_500, totalCents: 3_400, amountDueCents: 3_400 });
  });

  it("gives exactly one credit when two staff approve the same dispute at the same moment", async () => {
    const { tenant, heater } = await clientWithMarchLeads();
    const first = await signedInStaff("support");
    const second = await signedInStaff("billing");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await createDispute(db, { leadId: heater.id });

    const results = await Promise.allSettled([
      decideDispute({ leadId: heater.id, decision: "approve", actor: first.actor, now: DECIDED_AT }),
      decideDispute({ leadId: heater.id, decision: "approve", actor: second.actor, now: DECIDED_AT }),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((result) => result.status === "rejected");
    expect(failure?.status === "rejected" && failure.reason).toMatchObject({
      status: 409,
      message: expect.stringContaining("already decided"),
    });
    const credits = await db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.invoiceId, march.id), eq(invoiceLines.kind, "credit")));
    expect(credits).toHaveLength(1);
    expect((await invoiceRow(march.id)).totalCents).toBe(13_400);
  });

  it("keeps a rejected lead billable and requires a note to reject", async () => {
    const { tenant, drain } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    await createDispute(db, { leadId: drain.id });

    const missingNote = await rejection(decideDispute({ leadId: drain.id, decision: "reject", actor }));
    expect(missingNote.status).toBe(400);

    const decision = await decideDispute({
      leadId: drain.id,
      decision: "reject",
      note: "The homeowner confirmed the job",
      actor,
      now: DECIDED_AT,
    });
    expect(decision).toMatchObject({ status: "rejected", creditCents: 0 });
    expect((await leadRow(drain.id)).billingStatus).toBe("billable");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    expect(march.totalCents).toBe(19_900);
    const again = await rejection(decideDispute({ leadId: drain.id, decision: "approve", actor }));
    expect(again.status).toBe(409);
  });
});

describe("raiseDispute", () => {
  it("opens a pending dispute, then refuses a second one with a clear message", async () => {
    const { tenant, drain } = await clientWithMarchLeads();
    const actor = await memberOf(tenant);
    const raised = await raiseDispute({
      tenantId: tenant.id,
      leadId: drain.id,
      actor,
      reasonCode: "wrong_job_type",
      note: "It was a roofing job",
      now: new Date("2025-03-05T00:00:00Z"),
    });
    expect(raised).toMatchObject({ status: "pending", autoApproved: false });
    const [dispute] = await db.select().from(leadDisputes).where(eq(leadDisputes.leadId, drain.id));
    expect(dispute).toMatchObject({
      reasonCode: "wrong_job_type",
      evidenceNote: "It was a roofing job",
      raisedBy: actor.userId,
    });
    expect(
      await db
        .select()
        .from(featureUsage)
        .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "LeadDisputed"))),
    ).toHaveLength(1);
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "lead.disputed"))),
    ).toHaveLength(1);

    const again = await rejection(
      raiseDispute({
        tenantId: tenant.id,
        leadId: drain.id,
        actor,
        reasonCode: "other",
        now: new Date("2025-03-06T00:00:00Z"),
      }),
    );
    expect(again.status).toBe(409);
    expect(again.message).toBe("This lead is already disputed");
  });

  it("says when the 30-day window closed", async () => {
    const { tenant, drain } = await clientWithMarchLeads();
    const actor = await memberOf(tenant);
    const late = await rejection(
      raiseDispute({
        tenantId: tenant.id,
        leadId: drain.id,
        actor,
        reasonCode: "other",
        now: new Date("2025-04-03T00:00:00Z"),
      }),
    );
    expect(late.status).toBe(422);
    expect(late.message).toBe("The 30-day dispute window for this lead closed on Apr 2, 2025");
  });

  it("hides other tenants' leads", async () => {
    const { drain } = await clientWithMarchLeads();
    const other = await basicClient("Other Co");
    const actor = await memberOf(other.tenant);
    const error = await rejection(
      raiseDispute({
        tenantId: other.tenant.id,
        leadId: drain.id,
        actor,
        reasonCode: "other",
        now: new Date("2025-03-05T00:00:00Z"),
      }),
    );
    expect(error.status).toBe(404);
  });

  it("approves a duplicate automatically when the same lead arrived less than 24 hours before", async () => {
    const { tenant } = await basicClient();
    const contact = { name: "Maria Lopez", phone: "+1-512-555-0187" };
    await leadFor(tenant, "leak_repair", new Date("2025-03-10T08:00:00Z"), { contact });
    const copy = await leadFor(tenant, "leak_repair", new Date("2025-03-10T20:00:00Z"), { contact });
    const later = await leadFor(tenant, "leak_repair", new Date("2025-03-12T20:00:00Z"), { contact });
    const actor = await memberOf(tenant);

    const raised = await raiseDispute({
      tenantId: tenant.id,
      leadId: copy.id,
      actor,
      reasonCode: "duplicate",
      now: new Date("2025-03-11T00:00:00Z"),
    });
    expect(raised).toMatchObject({ status: "approved", autoApproved: true });
    const [dispute] = await db.select().from(leadDisputes).where(eq(leadDisputes.leadId, copy.id));
    expect(dispute).toMatchObject({ status: "approved", autoApproved: "duplicate_within_24h", decidedBy: null });
    expect((await leadRow(copy.id)).billingStatus).toBe("credited");

    // Two days after the first: a real dispute for staff to decide.
    const pending = await raiseDispute({
      tenantId: tenant.id,
      leadId: later.id,
      actor,
      reasonCode: "duplicate",
      now: new Date("2025-03-13T00:00:00Z"),
    });
    expect(pending).toMatchObject({ status: "pending", autoApproved: false });
  });
});

describe("reclassifyLead (Reclassify Lead)", () => {
  it("changes the price of an uninvoiced lead, so the next invoice bills the new price", async () => {
    const { tenant, drain } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    const result = await reclassifyLead({
      leadId: drain.id,
      category: "water_heater",
      reason: "Caller described a water heater",
      actor,
    });
    expect(result).toMatchObject({ fromPriceCents: 3_500, toPriceCents: 6_500, billing: { state: "uninvoiced" } });
    const upped = await leadRow(drain.id);
    expect([upped.category, upped.priceCents]).toEqual(["water_heater", 6_500]);
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    expect(march.totalCents).toBe(9_900 + 6_500 + 6_500);

    const down = await leadFor(tenant, "repiping", new Date("2025-04-03T00:00:00Z"));
    await reclassifyLead({ leadId: down.id, category: "leak_repair", reason: "Only a leak", actor });
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    expect(april.totalCents).toBe(9_900 + 4_000);
    const history = await db.select().from(leadReclassifications).where(eq(leadReclassifications.tenantId, tenant.id));
    expect(history).toHaveLength(2);
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.tenantId, tenant.id), eq(auditEvents.action, "lead.reclassified"))),
    ).toHaveLength(2);
  });

  it("adds a +/− adjustment line on an open invoice and recomputes it", async () => {
    const { tenant, drain, heater } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });

    await reclassifyLead({ leadId: heater.id, category: "drain_cleaning", reason: "Just a clogged drain", actor });
    expect(await invoiceRow(march.id)).toMatchObject({
      subtotalCents: 16_900,
      totalCents: 16_900,
      amountDueCents: 16_900,
    });
    await reclassifyLead({ leadId: drain.id, category: "repiping", reason: "Whole-house repipe", actor });
    expect(await invoiceRow(march.id)).toMatchObject({
      subtotalCents: 22_900,
      discountCents: 0,
      totalCents: 22_900,
      amountDueCents: 22_900,
    });
    const adjustments = await db
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.invoiceId, march.id), eq(invoiceLines.kind, "adjustment")));
    expect(adjustments.map((line) => line.amountCents).sort((a, b) => a - b)).toEqual([-3_000, 6_000]);

    // A dispute approved after a reclassification credits the new price.
    await createDispute(db, { leadId: drain.id });
    const decision = await decideDispute({ leadId: drain.id, decision: "approve", actor });
    expect(decision.creditCents).toBe(9_500);
    expect(await invoiceRow(march.id)).toMatchObject({ totalCents: 13_400 });
  });

  it("turns a lower price on a paid invoice into a credit and never charges a higher one after the fact", async () => {
    const { tenant, drain, heater } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id });

    await reclassifyLead({ leadId: heater.id, category: "drain_cleaning", reason: "Drain only", actor });
    await reclassifyLead({ leadId: drain.id, category: "repiping", reason: "Repipe", actor });
    const credits = await db.select().from(tenantCredits).where(eq(tenantCredits.tenantId, tenant.id));
    expect(credits.map((credit) => credit.amountCents)).toEqual([3_000]);
    expect(await invoiceRow(march.id)).toMatchObject({ status: "paid", totalCents: 19_900 });
  });

  it("rejects categories outside the tenant's trade and a missing reason", async () => {
    const { drain } = await clientWithMarchLeads();
    const { actor } = await signedInStaff("support");
    const wrongTrade = await rejection(
      reclassifyLead({ leadId: drain.id, category: "panel_upgrade", reason: "x", actor }),
    );
    expect(wrongTrade.status).toBe(400);
    const noReason = await rejection(
      reclassifyLead({ leadId: drain.id, category: "water_heater", reason: " ", actor }),
    );
    expect(noReason.status).toBe(400);
    const same = await rejection(
      reclassifyLead({ leadId: drain.id, category: "drain_cleaning", reason: "same", actor }),
    );
    expect(same.status).toBe(422);
  });
});

describe("getDisputeRates", () => {
  it("divides disputed leads by leads received, per tenant and per source", async () => {
    const { tenant } = await basicClient();
    const window = { from: new Date("2025-06-01T00:00:00Z"), to: new Date("2025-07-01T00:00:00Z") };
    const received = [];
    for (let index = 0; index < 4; index++) {
      received.push(
        await leadFor(tenant, "drain_cleaning", new Date(`2025-06-1${index}T00:00:00Z`), {
          source: index === 0 ? "phone" : "web",
        }),
      );
    }
    await createDispute(db, { leadId: received[0]?.id ?? "", status: "approved" });
    const rates = await getDisputeRates({ ...window, tenantId: tenant.id });
    expect(rates.byTenant).toEqual([
      expect.objectContaining({ tenantId: tenant.id, leads: 4, disputes: 1, approved: 1, rate: 0.25 }),
    ]);
    expect(rates.bySource).toEqual([
      expect.objectContaining({ source: "phone", leads: 1, disputes: 1, rate: 1 }),
      expect.objectContaining({ source: "web", leads: 3, disputes: 0, rate: 0 }),
    ]);
  });
});
