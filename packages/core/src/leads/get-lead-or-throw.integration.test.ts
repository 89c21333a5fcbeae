import { db } from "@pp/db";
import { createDispute, createInvoice, createLead, createTenant, ensureReferenceData } from "@pp/db/factories";
import { attributions, leadReclassifications, leads } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { getLeadOrThrow } from "./get-lead-or-throw";

beforeAll(async () => {
  await ensureReferenceData(db);
});

describe("getLeadOrThrow", () => {
  it("returns the lead with its invoice, attribution, dispute and reclassification history", async () => {
    const tenant = await createTenant(db, { trade: "plumbing" });
    const lead = await createLead(db, {
      tenantId: tenant.id,
      category: "leak_repair",
      contact: { name: "Ada Lovelace", email: "ada@example.test", phone: "+1-512-555-0199" },
      serviceAddress: { line1: "1 Main St", city: "Austin", state: "TX", zip: "78701" },
      description: "Water under the sink",
    });
    await db
      .insert(attributions)
      .values({ tenantId: tenant.id, leadId: lead.id, channel: "google_ads", campaign: "spring", costCents: 1_200 });
    const invoice = await createInvoice(db, {
      tenantId: tenant.id,
      lines: [{ kind: "lead", description: "Lead", unitAmountCents: lead.priceCents, leadId: lead.id }],
    });
    const line = invoice.lines[0];
    if (line) await db.update(leads).set({ invoiceLineId: line.id }).where(eq(leads.id, lead.id));
    await db.insert(leadReclassifications).values({
      tenantId: tenant.id,
      leadId: lead.id,
      fromCategory: "drain_cleaning",
      toCategory: "leak_repair",
      fromPriceCents: 3_500,
      toPriceCents: 4_000,
      reason: "Caller described a leak",
    });
    await createDispute(db, {
      leadId: lead.id,
      status: "rejected",
      decisionNote: "Valid job in area",
      reasonCode: "wrong_job_type",
    });

    const detail = await getLeadOrThrow({ tenantId: tenant.id, leadId: lead.id });

    expect(detail).toMatchObject({
      id: lead.id,
      category: "leak_repair",
      categoryName: "Leak repair",
      contact: { name: "Ada Lovelace", email: "ada@example.test" },
      serviceAddress: { zip: "78701" },
      description: "Water under the sink",
      invoice: { id: invoice.id, number: invoice.number, status: "open" },
      attribution: { channel: "google_ads", campaign: "spring", costCents: 1_200 },
      dispute: { status: "rejected", reasonCode: "wrong_job_type", decisionNote: "Valid job in area" },
      reclassifications: [
        { fromCategory: "drain_cleaning", toCategory: "leak_repair", reason: "Caller described a leak" },
      ],
    });
  });

  it("answers not found for another tenant's lead, a missing id and a malformed id alike", async () => {
    const mine = await createTenant(db);
    const theirs = await createTenant(db);
    const theirLead = await createLead(db, { tenantId: theirs.id });

    for (const leadId of [theirLead.id, "0190a3c4-1111-7000-8000-000000000000", "not-a-uuid", "' or 1=1 --"]) {
      const attempt = getLeadOrThrow({ tenantId: mine.id, leadId });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: "not_found", status: 404, message: "Lead not found" });
    }
    await expect(getLeadOrThrow({ tenantId: theirs.id, leadId: theirLead.id })).resolves.toMatchObject({
      id: theirLead.id,
    });
  });
});
