// Issue #18 item 8: billing and lead copy that says what happened. Figures computed by hand beside them.
import { db } from "@pp/db";
import { createDispute, ensureReferenceData } from "@pp/db/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { decideDispute } from "../leads/decide-dispute";
import { getProviderLead } from "../leads/get-provider-lead";
import { reclassifyLead } from "../leads/reclassify-lead";
import { signedInStaff } from "../staff/testing";
import { getInvoiceDetail } from "./get-invoice-detail";
import { getTenantBilling } from "./get-tenant-billing";
import { issueInvoice } from "./issue-invoice";
import { basicClient, leadFor, MARCH } from "./testing";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const ISSUED_AT = new Date("2025-04-01T06:00:00Z");
const LATER = new Date("2025-04-05T12:00:00Z");

describe("after a reclassification", () => {
  it("the toast, the adjustment line, the lead's billing card and its history say what changed, in category names", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("billing");
    // Received second but created first: the invoice still lists the Mar 3 lead before the Mar 20 one.
    const leak = await leadFor(tenant, "leak_repair", new Date("2025-03-20T10:00:00Z"));
    const drain = await leadFor(tenant, "drain_cleaning", new Date("2025-03-03T10:00:00Z"), {
      contact: { name: "Casey Homeowner", phone: "+1 512 555 0142" },
    });
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });

    // Billed $35.00 (Drain cleaning) on the open March invoice → Water heater $65.00: +$30.00 there.
    const result = await reclassifyLead({
      leadId: drain.id,
      category: "water_heater",
      reason: "Homeowner described a heater leak",
      actor,
      now: LATER,
    });
    expect(result.summary).toBe(
      `Reclassified to Water heater ($65.00) — +$30.00 adjustment on invoice ${march.number}`,
    );

    const lead = await getProviderLead({ leadId: drain.id });
    expect(lead.priceCents).toBe(6_500);
    expect(lead.billing.adjustments).toEqual([
      expect.objectContaining({ amountCents: 3_000, invoiceNumber: march.number }),
    ]);
    expect(lead.billing.adjustments[0]?.description).toBe(
      "Adjustment: Drain cleaning lead from Casey Homeowner (received Mar 3, 2025) reclassified to Water heater (+$30.00)",
    );
    // $35.00 line + $30.00 adjustment = $65.00 billed for the lead.
    expect(lead.billing.billedNetCents).toBe(6_500);
    expect(lead.reclassifications).toMatchObject([
      {
        fromCategoryName: "Drain cleaning",
        toCategoryName: "Water heater",
        fromPriceCents: 3_500,
        toPriceCents: 6_500,
      },
    ]);

    // Both invoice views: plan first, then leads by received date, the adjustment under its lead.
    const detail = await getInvoiceDetail({ invoiceId: march.id, tenantId: tenant.id });
    expect(detail.lines.map((line) => [line.kind, line.leadId, line.amountCents])).toEqual([
      ["subscription", null, 9_900],
      ["lead", drain.id, 3_500],
      ["adjustment", drain.id, 3_000],
      ["lead", leak.id, 4_000],
    ]);
    const billing = await getTenantBilling({ tenantId: tenant.id });
    expect(billing.invoices[0]?.lines.map((line) => line.id)).toEqual(detail.lines.map((line) => line.id));
    // $99.00 + $35.00 + $30.00 + $40.00 = $204.00.
    expect(detail.invoice.totalCents).toBe(20_400);
    expect(detail.issuer.name).toBeTruthy();
    expect(detail.issuer.paymentInstructions).toContain(`Quote ${march.number} with your payment.`);
  });

  it("says the next invoice bills the new price when the lead is not invoiced yet", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("billing");
    const drain = await leadFor(tenant, "drain_cleaning", new Date("2025-04-02T10:00:00Z"));
    const result = await reclassifyLead({ leadId: drain.id, category: "repiping", reason: "Whole-house job", actor });
    expect(result.summary).toBe("Reclassified to Repiping ($95.00) — the next invoice bills $95.00");
  });
});

describe("an approved dispute", () => {
  it("on a lead not invoiced yet says it was removed from the next invoice, not 'Credit $0.00'", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("support");
    const lead = await leadFor(tenant, "leak_repair", new Date("2025-04-02T10:00:00Z"));
    await createDispute(db, { leadId: lead.id });
    const decision = await decideDispute({ leadId: lead.id, decision: "approve", actor, now: LATER });
    expect(decision).toMatchObject({ creditCents: 0, summary: "Dispute approved — Removed from the next invoice" });
  });

  it("on an invoiced lead names the credit and the invoice", async () => {
    const { tenant } = await basicClient();
    const { actor } = await signedInStaff("support");
    const lead = await leadFor(tenant, "leak_repair", new Date("2025-03-12T10:00:00Z"));
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: ISSUED_AT });
    await createDispute(db, { leadId: lead.id });
    const decision = await decideDispute({ leadId: lead.id, decision: "approve", actor, now: LATER });
    // The $40.00 leak repair was billed on the open March invoice: credited there.
    expect(decision.summary).toBe(`Dispute approved — $40.00 credited on invoice ${march.number}`);
  });
});
