// Issue #12 items 13, 14 and 20: every figure below is computed by hand in the comment beside it.
import { db } from "@pp/db";
import { createDispute, ensureReferenceData } from "@pp/db/factories";
import { invoiceLines, invoices, leadCategories, tenantCredits } from "@pp/db/schema";
import { and, asc, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { decideDispute } from "../leads/decide-dispute";
import { reclassifyLead } from "../leads/reclassify-lead";
import { describeIncludedLeadsRule } from "../pricing/lead-price";
import { signedInStaff } from "../staff/testing";
import { issueInvoice } from "./issue-invoice";
import { leadBilledAmount } from "./lead-billed-amount";
import { recordPayment } from "./record-payment";
import { APRIL, basicClient, leadFor, MARCH } from "./testing";

beforeAll(async () => {
  await ensureReferenceData(db);
  // A plumbing category without its own price: its leads cost the plan's per-lead price.
  await db
    .insert(leadCategories)
    .values({ trade: "plumbing", code: "gas_line", name: "Gas line", priceCents: null })
    .onConflictDoNothing();
});

const ISSUED_AT = new Date("2025-04-01T06:00:00Z");
const LATER = new Date("2025-04-05T12:00:00Z");

async function invoiceRow(id: string) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error("invoice missing");
  return row;
}

async function linesOf(invoiceId: string) {
  const rows = await db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.createdAt), asc(invoiceLines.id));
  return rows.map((line) => [line.kind, line.amountCents]);
}

async function openCredits(tenantId: string) {
  const rows = await db
    .select({ amountCents: tenantCredits.amountCents })
    .from(tenantCredits)
    .where(and(eq(tenantCredits.tenantId, tenantId), isNull(tenantCredits.appliedInvoiceId)));
  return rows.map((row) => row.amountCents).sort((a, b) => a - b);
}

async function reclassify(leadId: string, category: string, actor: Awaited<ReturnType<typeof signedInStaff>>["actor"]) {
  return reclassifyLead({ leadId, category, reason: "Homeowner described it wrongly", actor, now: LATER });
}

describe("credits derive from what was invoiced for the lead (item 13)", () => {
  it("mints nothing when a paid $35 lead is reclassified up and back down, and credits $35 (not $95) when then disputed", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("support");
    const drain = await leadFor(tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    // $99.00 plan + $35.00 lead = $134.00, paid in full.
    expect(march.totalCents).toBe(13_400);
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, now: ISSUED_AT });

    // Up to repiping ($95): the paid invoice is not charged again → nothing moves.
    const up = await reclassify(drain.id, "repiping", actor);
    expect(up.billing).toMatchObject({ state: "paid_invoice", creditedCents: 0, billedBeforeCents: 3_500 });
    // Back down to drain cleaning ($35): $35 target − $35 billed = $0 (the old rule credited $95 − $35 = $60).
    const down = await reclassify(drain.id, "drain_cleaning", actor);
    expect(down.billing).toMatchObject({ state: "paid_invoice", creditedCents: 0, billedBeforeCents: 3_500 });
    expect(await openCredits(tenant.id)).toEqual([]);

    // Up again, then disputed: the credit is the $35 billed (the old rule credited the $95 list price).
    await reclassify(drain.id, "repiping", actor);
    await createDispute(db, { leadId: drain.id });
    const decision = await decideDispute({ leadId: drain.id, decision: "approve", actor, now: LATER });
    expect(decision).toMatchObject({ creditCents: 3_500, billingState: "paid_invoice" });
    expect(await openCredits(tenant.id)).toEqual([3_500]);
    // Billed $35, credited $35: net $0 for the lead.
    expect(await leadBilledAmount(db, { tenantId: tenant.id, leadId: drain.id })).toEqual({
      chargedCents: 3_500,
      creditedCents: 3_500,
      netCents: 0,
    });
  });

  it("never credits more than was billed across a down / up / down / dispute cycle on a paid $65 lead", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("support");
    const heater = await leadFor(tenant, "water_heater", new Date("2025-03-03T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await recordPayment({ tenantId: tenant.id, invoiceId: march.id, now: ISSUED_AT });

    // Down to drain ($35): $35 − $65 billed = −$30 → a $30 credit; net billed now $35.
    expect((await reclassify(heater.id, "drain_cleaning", actor)).billing?.creditedCents).toBe(3_000);
    // Up to repiping ($95): not charged on a paid invoice.
    expect((await reclassify(heater.id, "repiping", actor)).billing?.creditedCents).toBe(0);
    // Down to leak repair ($40): $40 − $35 net = +$5, not charged on a paid invoice, so no credit.
    expect((await reclassify(heater.id, "leak_repair", actor)).billing?.creditedCents).toBe(0);
    // Disputed: the $35 still billed → $35 credit. Total credited $30 + $35 = $65 = what was billed.
    await createDispute(db, { leadId: heater.id });
    expect((await decideDispute({ leadId: heater.id, decision: "approve", actor, now: LATER })).creditCents).toBe(
      3_500,
    );
    expect(await openCredits(tenant.id)).toEqual([3_000, 3_500]);
  });

  it("adjusts an open invoice by the difference from what was billed, so up and down again nets to zero", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("support");
    const drain = await leadFor(tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await reclassify(drain.id, "repiping", actor); // +$60 → $194.00
    expect((await invoiceRow(march.id)).totalCents).toBe(19_400);
    await reclassify(drain.id, "drain_cleaning", actor); // −$60 → $134.00
    // Dispute: $35 + $60 − $60 = $35 billed → −$35 → $99.00.
    await createDispute(db, { leadId: drain.id });
    expect((await decideDispute({ leadId: drain.id, decision: "approve", actor, now: LATER })).creditCents).toBe(3_500);
    expect(await linesOf(march.id)).toEqual([
      ["subscription", 9_900],
      ["lead", 3_500],
      ["adjustment", 6_000],
      ["adjustment", -6_000],
      ["credit", -3_500],
    ]);
    expect(await invoiceRow(march.id)).toMatchObject({ totalCents: 9_900, amountDueCents: 9_900 });
  });
});

describe("credit beyond an invoice is carried forward, never lost (item 14)", () => {
  it("keeps the rest of a $180 credit used on a $19 + $65 invoice, then a $65 dispute on it, as open credit", async () => {
    const { tenant } = await basicClient("Nineteen Dollar Plumbing", { priceCents: 1_900 });
    await db
      .insert(tenantCredits)
      .values({ tenantId: tenant.id, amountCents: 18_000, reason: "Goodwill", createdAt: new Date("2025-02-10") });
    const heater = await leadFor(tenant, "water_heater", new Date("2025-03-05T10:00:00Z"));

    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    // $19.00 + $65.00 = $84.00 of charges; $84.00 of the $180.00 credit is used, $96.00 stays open.
    expect(march.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 1_900],
      ["lead", 6_500],
      ["credit", -8_400],
    ]);
    expect(march).toMatchObject({ totalCents: 0, amountDueCents: 0, status: "paid" });
    expect(await openCredits(tenant.id)).toEqual([9_600]);

    // The $65 lead is disputed on the (paid, $0) invoice: all $65 is carried → $96 + $65 = $161 open.
    const { actor } = await signedInStaff("support");
    await createDispute(db, { leadId: heater.id });
    expect((await decideDispute({ leadId: heater.id, decision: "approve", actor, now: LATER })).creditCents).toBe(
      6_500,
    );
    expect(await openCredits(tenant.id)).toEqual([6_500, 9_600]);

    // April: $19.00 plan, all covered by the oldest credit ($96 → $19 used, $77 open) → $77 + $65 = $142 open.
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: new Date("2025-05-01T06:00:00Z") });
    expect(april.lines.map((line) => [line.kind, line.amountCents])).toEqual([
      ["subscription", 1_900],
      ["credit", -1_900],
    ]);
    expect(await openCredits(tenant.id)).toEqual([6_500, 7_700]);
    // Ledger: issued $180 + $65 = $245 = applied $84 + $19 + open $142.
    const all = await db.select().from(tenantCredits).where(eq(tenantCredits.tenantId, tenant.id));
    expect(all.reduce((sum, credit) => sum + credit.amountCents, 0)).toBe(24_500);
  });

  it("credits only what is still due on an open invoice and carries the rest, lines summing to the total", async () => {
    const { tenant } = await basicClient("Nineteen Dollar Plumbing", { priceCents: 1_900 });
    await db
      .insert(tenantCredits)
      .values({ tenantId: tenant.id, amountCents: 3_000, reason: "Goodwill", createdAt: new Date("2025-02-10") });
    const heater = await leadFor(tenant, "water_heater", new Date("2025-03-05T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    // $19 + $65 − $30 = $54 due.
    expect(march).toMatchObject({ totalCents: 5_400, amountDueCents: 5_400, status: "open" });

    const { actor } = await signedInStaff("support");
    await createDispute(db, { leadId: heater.id });
    const decision = await decideDispute({ leadId: heater.id, decision: "approve", actor, now: LATER });
    // $65 credit: $54 on the invoice (all that was due, the old rule lost the other $11), $11 carried.
    expect(decision).toMatchObject({ creditCents: 6_500, billingState: "open_invoice" });
    expect(await linesOf(march.id)).toEqual([
      ["subscription", 1_900],
      ["lead", 6_500],
      ["credit", -3_000],
      ["credit", -5_400],
    ]);
    // 1,900 + 6,500 − 3,000 − 5,400 = 0 = total; settled to zero → paid.
    expect(await invoiceRow(march.id)).toMatchObject({ totalCents: 0, amountDueCents: 0, status: "paid" });
    expect(await openCredits(tenant.id)).toEqual([1_100]);
  });
});

describe("the plan's included leads (item 20)", () => {
  it("charges 0 for the first included leads of the period, the category price after, the plan price without one", async () => {
    const { tenant, plan } = await basicClient("Included Plumbing", { includedLeads: 2 });
    expect(describeIncludedLeadsRule(plan)).toBe(
      "The first 2 billable leads of each billing period are included at no charge; further leads are charged at their category's price, or $45.00 for a category without its own price.",
    );
    await leadFor(tenant, "repiping", new Date("2025-03-01T09:00:00Z"), { billingStatus: "credited" }); // takes no slot
    const drain = await leadFor(tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"));
    const heater = await leadFor(tenant, "water_heater", new Date("2025-03-10T10:00:00Z"));
    const repiping = await leadFor(tenant, "repiping", new Date("2025-03-20T10:00:00Z"));
    await leadFor(tenant, "leak_repair", new Date("2025-03-25T10:00:00Z"));
    const gas = await leadFor(tenant, "gas_line", new Date("2025-03-28T10:00:00Z"));
    expect(gas.priceCents).toBe(4_500);

    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    // $99 + $0 + $0 + $95 + $40 + $45 = $279.00.
    expect(march.lines.map((line) => [line.kind, line.amountCents, line.included])).toEqual([
      ["subscription", 9_900, false],
      ["lead", 0, true],
      ["lead", 0, true],
      ["lead", 9_500, false],
      ["lead", 4_000, false],
      ["lead", 4_500, false],
    ]);
    expect(march.lines[1]?.description).toContain("included in plan (1 of 2)");
    expect(march.totalCents).toBe(27_900);

    const { actor } = await signedInStaff("support");
    // An included lead disputed or reclassified moves no money.
    await createDispute(db, { leadId: heater.id });
    const included = await decideDispute({ leadId: heater.id, decision: "approve", actor, now: LATER });
    expect(included).toMatchObject({ creditCents: 0, billingState: "included" });
    expect((await reclassify(drain.id, "sewer_line", actor)).billing).toMatchObject({
      state: "included",
      creditedCents: 0,
    });
    expect((await invoiceRow(march.id)).totalCents).toBe(27_900);
    // A charged lead disputed: −$95 → $184.00.
    await createDispute(db, { leadId: repiping.id });
    expect((await decideDispute({ leadId: repiping.id, decision: "approve", actor, now: LATER })).creditCents).toBe(
      9_500,
    );
    expect((await invoiceRow(march.id)).totalCents).toBe(18_400);
    expect(await openCredits(tenant.id)).toEqual([]);
  });
});
