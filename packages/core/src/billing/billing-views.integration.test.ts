import { db } from "@pp/db";
import { createDispute, ensureReferenceData } from "@pp/db/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { decideDispute } from "../leads/decide-dispute";
import { getProviderLead } from "../leads/get-provider-lead";
import { countPendingDisputes, listPendingDisputes, listProviderLeads } from "../leads/list-provider-leads";
import { rejection, signedInStaff } from "../staff/testing";
import { getInvoiceDetail } from "./get-invoice-detail";
import { getTenantBilling } from "./get-tenant-billing";
import { issueInvoice } from "./issue-invoice";
import { listInvoices } from "./list-invoices";
import { runPaymentRetries } from "./run-payment-retries";
import { basicClient, leadFor, MARCH } from "./testing";

beforeAll(async () => {
  await ensureReferenceData(db);
});

describe("the views staff and tenants read billing through", () => {
  it("lists disputes oldest first, shows a lead's billing state, and the tenant's invoice with its credit", async () => {
    const { tenant } = await basicClient();
    const other = await basicClient("Other Co");
    const older = await leadFor(tenant, "drain_cleaning", new Date("2025-03-02T00:00:00Z"));
    const newer = await leadFor(tenant, "water_heater", new Date("2025-03-03T00:00:00Z"));
    await createDispute(db, { leadId: newer.id, createdAt: new Date("2025-03-05T00:00:00Z") });
    await createDispute(db, { leadId: older.id, createdAt: new Date("2025-03-04T00:00:00Z") });
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: new Date("2025-04-01T06:00:00Z") });

    const queue = await listPendingDisputes({ tenantId: tenant.id, now: new Date("2025-03-06T00:00:00Z") });
    expect(queue.nextCursor).toBeNull();
    expect(queue.data.map((dispute) => [dispute.leadId, dispute.ageHours])).toEqual([
      [older.id, 48],
      [newer.id, 24],
    ]);
    // A page at a time on the (raised at, id) keyset; the tab counts every pending dispute.
    const first = await listPendingDisputes({ tenantId: tenant.id, limit: 1 });
    const second = await listPendingDisputes({ tenantId: tenant.id, limit: 1, cursor: first.nextCursor ?? "" });
    expect([...first.data, ...second.data].map((dispute) => dispute.leadId)).toEqual([older.id, newer.id]);
    expect(second.nextCursor).toBeNull();
    expect(await countPendingDisputes({ tenantId: tenant.id })).toBe(2);
    expect(await countPendingDisputes({ tenantId: other.tenant.id })).toBe(0);
    const pendingLeads = await listProviderLeads({ tenantId: tenant.id, dispute: "pending" });
    expect(pendingLeads.data.map((lead) => lead.id)).toEqual([newer.id, older.id]);
    expect((await listProviderLeads({ tenantId: other.tenant.id })).data).toEqual([]);

    const { actor } = await signedInStaff("support");
    await decideDispute({ leadId: newer.id, decision: "approve", actor });
    const detail = await getProviderLead({ leadId: newer.id });
    expect(detail.billing.invoice?.number).toBe(invoice.number);
    expect(detail.billing.creditLine?.amountCents).toBe(-6_500);
    expect(detail.categories.map((category) => category.code)).toContain("repiping");

    const billing = await getTenantBilling({ tenantId: tenant.id });
    expect(billing.invoices.map((row) => [row.number, row.creditCents, row.totalCents])).toEqual([
      [invoice.number, 6_500, 9_900 + 3_500],
    ]);
    expect(billing.invoices[0]?.lines.map((line) => line.kind)).toEqual(["subscription", "lead", "lead", "credit"]);

    const own = await getInvoiceDetail({ invoiceId: invoice.id, tenantId: tenant.id });
    expect(own.lines).toHaveLength(4);
    expect((await rejection(getInvoiceDetail({ invoiceId: invoice.id, tenantId: other.tenant.id }))).status).toBe(404);
  });

  it("filters invoices by overdue and Payment Retries", async () => {
    const { tenant } = await basicClient();
    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: new Date("2025-04-01T06:00:00Z") });
    const now = new Date("2025-04-19T00:00:00Z");
    expect((await listInvoices({ tenantId: tenant.id, overdue: "true", now })).data.map((row) => row.id)).toEqual([
      invoice.id,
    ]);
    expect((await listInvoices({ tenantId: tenant.id, retrying: "true", now })).data).toEqual([]);
    await runPaymentRetries({ tenantId: tenant.id, now });
    const retrying = await listInvoices({ tenantId: tenant.id, retrying: "true", now });
    expect(retrying.data.map((row) => [row.retryAttempts, row.nextRetryAt?.toISOString()])).toEqual([
      [1, "2025-04-20T06:00:00.000Z"],
    ]);
    expect((await listInvoices({ tenantId: tenant.id, status: "paid" })).data).toEqual([]);
  });
});
