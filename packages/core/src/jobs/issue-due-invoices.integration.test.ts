import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { invoiceLines, invoices, subscriptions } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { issueInvoice } from "../billing/issue-invoice";
import { basicClient, leadFor } from "../billing/testing";
import { issueDueInvoices } from "./issue-due-invoices";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const at = (iso: string) => new Date(`${iso}Z`);

async function invoicesOf(tenantId: string) {
  return db.select().from(invoices).where(eq(invoices.tenantId, tenantId)).orderBy(asc(invoices.periodStart));
}

async function subscriptionOf(id: string) {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row) throw new Error("subscription missing");
  return row;
}

describe("billing.issue-invoices (issueDueInvoices)", () => {
  it("invoices exactly the subscriptions whose period ended, moves them on, and is idempotent", async () => {
    // Basic ($99/month) since Feb 1: its first period ended Mar 1, with one $35 lead in it.
    const due = await basicClient("Ended Period Plumbing");
    await leadFor(due.tenant, "drain_cleaning", at("2025-02-10T10:00:00"));
    // Periods that have not ended, or subscriptions that are not billed.
    const later = await createTenant(db);
    const laterSubscription = await createSubscription(db, {
      tenantId: later.id,
      startedAt: at("2025-02-15T00:00:00"),
    });
    const trialing = await createTenant(db);
    await createSubscription(db, { tenantId: trialing.id, status: "trialing", startedAt: at("2025-01-01T00:00:00") });
    const canceled = await createTenant(db);
    await createSubscription(db, { tenantId: canceled.id, status: "canceled", startedAt: at("2025-01-01T00:00:00") });

    const now = at("2025-03-01T00:05:00");
    const run = await issueDueInvoices({ now });
    expect(run.failed).toEqual([]);
    expect(run.issued.map((issued) => issued.tenantId)).toEqual([due.tenant.id]);

    const [invoice, ...others] = await invoicesOf(due.tenant.id);
    expect(others).toEqual([]);
    expect(invoice).toMatchObject({
      status: "open",
      periodStart: at("2025-02-01T00:00:00"),
      periodEnd: at("2025-03-01T00:00:00"),
      totalCents: 9900 + 3500,
      issuedAt: now,
    });
    const lines = await db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, invoice?.id ?? ""));
    expect(lines.map((line) => [line.kind, line.amountCents]).sort()).toEqual([
      ["lead", 3500],
      ["subscription", 9900],
    ]);
    expect(await subscriptionOf(due.subscription.id)).toMatchObject({
      currentPeriodStart: at("2025-03-01T00:00:00"),
      currentPeriodEnd: at("2025-04-01T00:00:00"),
    });
    expect(await subscriptionOf(laterSubscription.id)).toMatchObject({
      currentPeriodEnd: at("2025-03-15T00:00:00"),
    });
    for (const tenant of [later, trialing, canceled]) expect(await invoicesOf(tenant.id)).toEqual([]);

    // The job running again (a retry, a second instance) issues nothing more.
    const again = await issueDueInvoices({ now: at("2025-03-01T00:06:00") });
    expect(again.issued).toEqual([]);
    expect(await invoicesOf(due.tenant.id)).toHaveLength(1);
  });

  it("leaves a period that was already invoiced by hand alone and moves the subscription on", async () => {
    const client = await basicClient("Invoiced By Hand Heating");
    const period = { periodStart: at("2025-02-01T00:00:00"), periodEnd: at("2025-03-01T00:00:00") };
    await issueInvoice({ tenantId: client.tenant.id, ...period, now: at("2025-02-28T16:00:00") });

    const run = await issueDueInvoices({ now: at("2025-03-01T00:05:00") });
    expect(run.issued.filter((issued) => issued.tenantId === client.tenant.id)).toEqual([]);
    expect(run.alreadyInvoiced).toBeGreaterThanOrEqual(1);
    expect(await invoicesOf(client.tenant.id)).toHaveLength(1);
    expect((await subscriptionOf(client.subscription.id)).currentPeriodStart).toEqual(period.periodEnd);
  });

  it("catches up every missed period after the jobs were off, one invoice per period", async () => {
    const client = await basicClient("Catch Up Drains");
    const run = await issueDueInvoices({ now: at("2025-04-02T00:05:00") });
    expect(
      run.issued.filter((issued) => issued.tenantId === client.tenant.id).map((issued) => issued.periodStart),
    ).toEqual([at("2025-02-01T00:00:00"), at("2025-03-01T00:00:00")]);
    expect((await invoicesOf(client.tenant.id)).map((invoice) => invoice.totalCents)).toEqual([9900, 9900]);
    expect(await subscriptionOf(client.subscription.id)).toMatchObject({
      currentPeriodStart: at("2025-04-01T00:00:00"),
      currentPeriodEnd: at("2025-05-01T00:00:00"),
    });
  });

  it("gives a subscription cancelling at period end its last invoice once", async () => {
    const client = await basicClient("Last Invoice Electric");
    await db.update(subscriptions).set({ cancelAtPeriodEnd: true }).where(eq(subscriptions.id, client.subscription.id));
    await issueDueInvoices({ now: at("2025-03-01T00:05:00") });
    await issueDueInvoices({ now: at("2025-03-02T00:05:00") });
    expect((await invoicesOf(client.tenant.id)).map((invoice) => invoice.periodStart)).toEqual([
      at("2025-02-01T00:00:00"),
    ]);
    expect((await subscriptionOf(client.subscription.id)).currentPeriodEnd).toEqual(at("2025-03-01T00:00:00"));
  });

  it("two runs at the same moment issue one invoice", async () => {
    const client = await basicClient("Concurrent Rooter");
    const now = at("2025-03-01T00:05:00");
    await Promise.all([issueDueInvoices({ now }), issueDueInvoices({ now })]);
    expect(await invoicesOf(client.tenant.id)).toHaveLength(1);
  });
});
