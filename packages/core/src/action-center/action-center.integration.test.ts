import { db } from "@pp/db";
import {
  createApiUsageRollups,
  createDispute,
  createIncident,
  createInvoice,
  createLead,
  createPayment,
  createSubscription,
  createTenant,
  ensureReferenceData,
  type InvoiceInput,
  type Tenant,
} from "@pp/db/factories";
import { auditEvents, featureUsage, tenantRateLimits } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import type { ActionBucket } from "./buckets";
import { type ActionItem, getActionCenter } from "./get-action-center";
import { snoozeActionItem } from "./snooze-action-item";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const NOW = new Date("2025-06-15T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const ahead = (ms: number) => new Date(NOW.getTime() + ms);

async function bucketOf(bucket: ActionBucket, tenantId: string, extra: Parameters<typeof getActionCenter>[0] = {}) {
  const center = await getActionCenter({ bucket, tenantId, now: NOW, ...extra });
  const page = center.buckets[bucket];
  if (!page) throw new Error(`bucket ${bucket} missing`);
  return page;
}

const ids = (items: ActionItem[]) => items.map((item) => item.id);

/** An open invoice of `dueCents`, due at `dueAt`. */
function openInvoice(
  tenant: Tenant,
  dueAt: Date,
  dueCents = 9_900,
  extra: Omit<Partial<InvoiceInput>, "tenantId"> = {},
) {
  return createInvoice(db, {
    tenantId: tenant.id,
    issuedAt: new Date(dueAt.getTime() - 14 * DAY),
    dueAt,
    lines: [{ kind: "subscription", description: "Basic plan (monthly)", unitAmountCents: dueCents }],
    ...extra,
  });
}

describe("getActionCenter", () => {
  it("answers every bucket with a count and a first page", async () => {
    const center = await getActionCenter({ now: NOW });
    expect(Object.keys(center.buckets)).toEqual([
      "disputesPending",
      "invoicesOverdue",
      "paymentsFailed",
      "chargebacks",
      "subsExpiring",
      "slaBreaches",
      "tenantsAtRisk",
      "rateLimitAlerts",
    ]);
    for (const page of Object.values(center.buckets)) {
      expect(page.count).toBeGreaterThanOrEqual(page.items.length);
    }
  });

  it("disputesPending: pending disputes by age against the 72 h decision target; decided ones and churned clients never", async () => {
    const tenant = await createTenant(db);
    const fresh = await createLead(db, { tenantId: tenant.id, category: "drain_cleaning", receivedAt: ago(3 * DAY) });
    const late = await createLead(db, { tenantId: tenant.id, category: "water_heater", receivedAt: ago(9 * DAY) });
    const decided = await createLead(db, { tenantId: tenant.id, category: "leak_repair", receivedAt: ago(9 * DAY) });
    await createDispute(db, { leadId: fresh.id, createdAt: ago(2 * HOUR), reasonCode: "outside_service_area" });
    await createDispute(db, { leadId: late.id, createdAt: ago(4 * DAY) });
    await createDispute(db, { leadId: decided.id, createdAt: ago(5 * DAY), status: "rejected", decisionNote: "no" });
    const churned = await createTenant(db, { status: "churned" });
    const churnedLead = await createLead(db, {
      tenantId: churned.id,
      category: "drain_cleaning",
      receivedAt: ago(DAY),
    });
    await createDispute(db, { leadId: churnedLead.id, createdAt: ago(HOUR) });

    const page = await bucketOf("disputesPending", tenant.id);
    expect(page.count).toBe(2);
    expect(page.items.map((item) => [item.id, item.severity, item.amountCents])).toEqual([
      [late.id, "high", 6_500],
      [fresh.id, "low", 3_500],
    ]);
    const [, first] = page.items;
    expect(first).toMatchObject({
      bucket: "disputesPending",
      tenant: { id: tenant.id, name: tenant.name },
      subject: { type: "lead", id: fresh.id },
      ageHours: 2,
      dueAt: new Date(ago(2 * HOUR).getTime() + 72 * HOUR),
      actions: ["approveDispute", "rejectDispute", "createTask", "snooze"],
    });
    expect(first?.title).toContain("Outside our service area");
    expect((await bucketOf("disputesPending", churned.id)).count).toBe(0);
  });

  it("invoicesOverdue: open invoices past due with money due, by days overdue and amount", async () => {
    const tenant = await createTenant(db);
    const week = await openInvoice(tenant, ago(3 * DAY));
    const fortnight = await openInvoice(tenant, ago(10 * DAY));
    const month = await openInvoice(tenant, ago(20 * DAY));
    const old = await openInvoice(tenant, ago(45 * DAY));
    const large = await openInvoice(tenant, ago(DAY), 150_000);
    await openInvoice(tenant, ahead(2 * DAY)); // not due yet
    await openInvoice(tenant, ago(5 * DAY), 9_900, { status: "paid" });
    await openInvoice(tenant, ago(5 * DAY), 9_900, { status: "void", amountDueCents: 0 });

    const page = await bucketOf("invoicesOverdue", tenant.id);
    expect(page.count).toBe(5);
    // critical (oldest due first), then high, medium, low.
    expect(page.items.map((item) => [item.id, item.severity])).toEqual([
      [old.id, "critical"],
      [large.id, "critical"],
      [month.id, "high"],
      [fortnight.id, "medium"],
      [week.id, "low"],
    ]);
    expect(page.items[1]).toMatchObject({ amountCents: 150_000, currency: "USD", ageHours: 24 });
    expect(page.items[0]?.actions).toContain("sendReminder");
  });

  it("invoicesOverdue: Send Reminder drops off the actions once today's reminder went out", async () => {
    const tenant = await createTenant(db);
    const reminded = await openInvoice(tenant, ago(3 * DAY), 9_900, { lastReminderAt: ago(HOUR) });
    const yesterday = await openInvoice(tenant, ago(3 * DAY), 9_900, { lastReminderAt: ago(DAY) });
    const page = await bucketOf("invoicesOverdue", tenant.id);
    const actions = Object.fromEntries(page.items.map((item) => [item.id, item.actions]));
    expect(actions[reminded.id]).not.toContain("sendReminder");
    expect(actions[yesterday.id]).toContain("sendReminder");
  });

  it("orders equal severity and due time by money at risk", async () => {
    const tenant = await createTenant(db);
    const due = ago(2 * DAY);
    const small = await openInvoice(tenant, due, 5_000);
    const big = await openInvoice(tenant, due, 50_000);
    expect(ids((await bucketOf("invoicesOverdue", tenant.id)).items)).toEqual([big.id, small.id]);
  });

  it("paymentsFailed: one item per unpaid invoice with a failure in the last 30 days", async () => {
    const tenant = await createTenant(db);
    // Each failed payment counts one retry attempt on the invoice.
    const twice = await openInvoice(tenant, ago(10 * DAY), 9_900, { nextRetryAt: ahead(DAY) });
    await createPayment(db, { invoiceId: twice.id, status: "failed", attemptedAt: ago(10 * DAY) });
    await createPayment(db, {
      invoiceId: twice.id,
      status: "failed",
      attemptedAt: ago(7 * DAY),
      failureReason: "insufficient_funds",
    });
    const spent = await openInvoice(tenant, ago(12 * DAY), 9_900, { retryAttempts: 2, nextRetryAt: null });
    await createPayment(db, { invoiceId: spent.id, status: "failed", attemptedAt: ago(5 * DAY) });
    const stale = await openInvoice(tenant, ago(50 * DAY));
    await createPayment(db, { invoiceId: stale.id, status: "failed", attemptedAt: ago(40 * DAY) });
    const paid = await openInvoice(tenant, ago(10 * DAY), 9_900, { status: "paid" });
    await createPayment(db, { invoiceId: paid.id, status: "failed", attemptedAt: ago(9 * DAY) });

    const page = await bucketOf("paymentsFailed", tenant.id);
    expect(page.items.map((item) => [item.id, item.severity])).toEqual([
      [spent.id, "critical"],
      [twice.id, "high"],
    ]);
    const item = page.items[1];
    expect(item).toMatchObject({ openedAt: ago(10 * DAY), dueAt: ahead(DAY), amountCents: 9_900 });
    expect(item?.details).toMatchObject({ failures: 2, failureReason: "insufficient_funds" });
    expect(item?.title).toContain("2 attempts");
  });

  it("subsExpiring: trials ending within 14 days and cancellations within 30", async () => {
    const soon = await createTenant(db);
    const trial = await createSubscription(db, {
      tenantId: soon.id,
      status: "trialing",
      startedAt: ago(12 * DAY),
      trialEnd: ahead(2 * DAY),
    });
    const later = await createTenant(db);
    await createSubscription(db, {
      tenantId: later.id,
      status: "trialing",
      startedAt: ago(DAY),
      trialEnd: ahead(20 * DAY),
    });
    const leaving = await createTenant(db);
    const cancelling = await createSubscription(db, {
      tenantId: leaving.id,
      planCode: "pro",
      startedAt: ago(20 * DAY),
      currentPeriodEnd: ahead(10 * DAY),
      cancelAtPeriodEnd: true,
    });
    const staying = await createTenant(db);
    await createSubscription(db, { tenantId: staying.id, startedAt: ago(20 * DAY), currentPeriodEnd: ahead(10 * DAY) });

    expect(
      (await bucketOf("subsExpiring", soon.id)).items.map((item) => [item.id, item.severity, item.amountCents]),
    ).toEqual([[trial.id, "high", 9_900]]);
    const [cancel] = (await bucketOf("subsExpiring", leaving.id)).items;
    expect(cancel).toMatchObject({ id: cancelling.id, severity: "low", dueAt: ahead(10 * DAY) });
    expect(cancel?.actions).toContain("extendSubscription");
    expect(cancel?.title).toContain("cancels in 10 days");
    expect((await bucketOf("subsExpiring", later.id)).count).toBe(0);
    expect((await bucketOf("subsExpiring", staying.id)).count).toBe(0);
  });

  it("slaBreaches: unresolved incidents past 80% of the running SLA clock", async () => {
    const tenant = await createTenant(db);
    // sev1: acknowledge within 15 min, resolve within 4 h. sev3: 4 h / 72 h. sev2: 30 min / 8 h.
    const breached = await createIncident(db, { tenantId: tenant.id, severity: "sev1", openedAt: ago(HOUR) });
    const nearAck = await createIncident(db, { tenantId: tenant.id, severity: "sev3", openedAt: ago(3.5 * HOUR) });
    await createIncident(db, { tenantId: tenant.id, severity: "sev3", openedAt: ago(HOUR) }); // 25% of ack
    const nearResolve = await createIncident(db, {
      tenantId: tenant.id,
      severity: "sev2",
      status: "acknowledged",
      openedAt: ago(7 * HOUR),
      acknowledgedAt: ago(6.9 * HOUR),
    });
    await createIncident(db, {
      tenantId: tenant.id,
      severity: "sev1",
      status: "resolved",
      openedAt: ago(10 * HOUR),
      acknowledgedAt: ago(9.9 * HOUR),
      resolvedAt: ago(HOUR),
    });

    const page = await bucketOf("slaBreaches", tenant.id);
    expect(page.items.map((item) => [item.id, item.severity])).toEqual([
      [breached.id, "critical"],
      [nearResolve.id, "high"],
      [nearAck.id, "medium"],
    ]);
    expect(page.items[0]?.details).toMatchObject({ clock: "acknowledge", breached: true });
    expect(page.items[1]?.details).toMatchObject({ clock: "resolve", breached: false, elapsedPercent: 87 });
    expect(page.items[0]?.actions).toContain("escalateIncident");
  });

  it("tenantsAtRisk: past due, 30+ days overdue, usage halved, open sev1/sev2 — with the reasons", async () => {
    const pastDue = await createTenant(db, { status: "past_due" });
    const troubled = await createTenant(db);
    await createSubscription(db, { tenantId: troubled.id, planCode: "pro", startedAt: ago(200 * DAY) });
    await openInvoice(troubled, ago(40 * DAY), 29_900);
    await createIncident(db, { tenantId: troubled.id, severity: "sev1", openedAt: ago(2 * DAY) });
    const quiet = await createTenant(db);
    const steady = await createTenant(db);
    const healthy = await createTenant(db);
    await openInvoice(healthy, ago(10 * DAY)); // overdue, but not 30 days
    await createIncident(db, { tenantId: healthy.id, severity: "sev3", openedAt: ago(DAY) });
    await createApiUsageRollups(db, [
      { tenantId: quiet.id, hour: ago(45 * DAY), requests: 1_000 },
      { tenantId: quiet.id, hour: ago(5 * DAY), requests: 300 },
      { tenantId: steady.id, hour: ago(45 * DAY), requests: 1_000 },
      { tenantId: steady.id, hour: ago(5 * DAY), requests: 600 },
      // Today's partial day is not compared: the signal reads whole UTC days.
      { tenantId: quiet.id, hour: new Date(Math.floor(Date.now() / DAY) * DAY), requests: 2_000 },
    ]);

    const [one] = (await bucketOf("tenantsAtRisk", pastDue.id)).items;
    expect(one).toMatchObject({ id: pastDue.id, severity: "medium", subject: { type: "tenant", id: pastDue.id } });
    expect(one?.title).toContain("subscription past due");

    const [many] = (await bucketOf("tenantsAtRisk", troubled.id)).items;
    // Money at risk is the Pro MRR ($249.00).
    expect(many).toMatchObject({ severity: "critical", amountCents: 24_900, openedAt: ago(40 * DAY) });
    expect(many?.title).toContain("1 invoice over 30 days overdue ($299.00)");
    expect(many?.title).toContain("1 open sev1/sev2 incident");

    const [dropped] = (await bucketOf("tenantsAtRisk", quiet.id)).items;
    expect(dropped?.title).toContain("API usage down 70% against the prior 30 days");
    expect((await bucketOf("tenantsAtRisk", steady.id)).count).toBe(0);
    expect((await bucketOf("tenantsAtRisk", healthy.id)).count).toBe(0);
  });

  it("rateLimitAlerts: a peak minute at 80% of the limit (override, else plan) or any 429 in the last 24 h", async () => {
    const near = await createTenant(db);
    await createSubscription(db, { tenantId: near.id, planCode: "basic", startedAt: ago(60 * DAY) }); // 60/min
    const calm = await createTenant(db);
    await createSubscription(db, { tenantId: calm.id, planCode: "basic", startedAt: ago(60 * DAY) });
    const raised = await createTenant(db);
    await createSubscription(db, { tenantId: raised.id, planCode: "basic", startedAt: ago(60 * DAY) });
    await db.insert(tenantRateLimits).values({ tenantId: raised.id, requestsPerMinute: 200 });
    const limited = await createTenant(db);
    await createSubscription(db, { tenantId: limited.id, planCode: "pro", startedAt: ago(60 * DAY) });
    const yesterday = await createTenant(db);
    await createSubscription(db, { tenantId: yesterday.id, planCode: "basic", startedAt: ago(60 * DAY) });
    await createApiUsageRollups(db, [
      { tenantId: near.id, hour: ago(3 * HOUR), requests: 500, peakMinuteRequests: 50 },
      { tenantId: calm.id, hour: ago(3 * HOUR), requests: 500, peakMinuteRequests: 40 },
      { tenantId: raised.id, hour: ago(3 * HOUR), requests: 500, peakMinuteRequests: 50 },
      { tenantId: limited.id, hour: ago(2 * HOUR), requests: 100, peakMinuteRequests: 20 },
      { tenantId: limited.id, hour: ago(2 * HOUR), statusClass: 4, requests: 5, rateLimited: 5, peakMinuteRequests: 5 },
      {
        tenantId: yesterday.id,
        hour: ago(30 * HOUR),
        statusClass: 4,
        requests: 900,
        rateLimited: 900,
        peakMinuteRequests: 90,
      },
    ]);

    const [nearItem] = (await bucketOf("rateLimitAlerts", near.id)).items;
    expect(nearItem).toMatchObject({
      severity: "low",
      details: { peakMinuteRequests: 50, limitPerMinute: 60, limitSource: "plan" },
    });
    expect((await bucketOf("rateLimitAlerts", calm.id)).count).toBe(0);
    expect((await bucketOf("rateLimitAlerts", raised.id)).count).toBe(0);
    const [limitedItem] = (await bucketOf("rateLimitAlerts", limited.id)).items;
    expect(limitedItem).toMatchObject({ severity: "medium", details: { rateLimited: 5, limitPerMinute: 300 } });
    expect(limitedItem?.title).toContain("5 requests rate-limited (429)");
    expect((await bucketOf("rateLimitAlerts", yesterday.id)).count).toBe(0);
  });

  it("filters by severity and by age in days", async () => {
    const tenant = await createTenant(db);
    const old = await openInvoice(tenant, ago(45 * DAY));
    const recent = await openInvoice(tenant, ago(2 * DAY));
    expect(ids((await bucketOf("invoicesOverdue", tenant.id, { severity: "critical" })).items)).toEqual([old.id]);
    expect(ids((await bucketOf("invoicesOverdue", tenant.id, { severity: "low" })).items)).toEqual([recent.id]);
    expect(ids((await bucketOf("invoicesOverdue", tenant.id, { aging: 30 })).items)).toEqual([old.id]);
    expect((await bucketOf("invoicesOverdue", tenant.id, { aging: 60 })).count).toBe(0);
    const all = await getActionCenter({ tenantId: tenant.id, now: NOW });
    expect(all.buckets.invoicesOverdue?.count).toBe(2);
    expect(all.buckets.disputesPending?.count).toBe(0);
  });

  it("refuses bad filters naming the field", async () => {
    expect((await rejection(getActionCenter({ severity: "urgent" as never, now: NOW }))).message).toContain("severity");
    expect((await rejection(getActionCenter({ tenantId: "nope", now: NOW }))).message).toContain("tenantId");
    const cursor = await rejection(getActionCenter({ bucket: "invoicesOverdue", cursor: "garbage!", now: NOW }));
    expect(cursor.status).toBe(400);
    const page = await getActionCenter({ bucket: "invoicesOverdue", limit: 1, now: NOW });
    const next = page.buckets.invoicesOverdue?.nextCursor ?? "";
    expect((await rejection(getActionCenter({ cursor: next, now: NOW }))).message).toContain("cursor");
  });

  it("pages through a bucket with the cursor: every item once, the count on every page", async () => {
    const tenant = await createTenant(db);
    const invoices = [];
    for (let day = 1; day <= 5; day++) invoices.push(await openInvoice(tenant, ago(day * 8 * DAY)));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await bucketOf("invoicesOverdue", tenant.id, { limit: 2, cursor });
      expect(page.count).toBe(5);
      seen.push(...ids(page.items));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual(ids((await bucketOf("invoicesOverdue", tenant.id, { limit: 10 })).items));
  });
});

describe("snoozeActionItem", () => {
  it("hides an item until the date, then it reappears; audited and counted", async () => {
    const tenant = await createTenant(db);
    const invoice = await openInvoice(tenant, ago(3 * DAY));
    const { actor } = await signedInStaff("billing");
    const snooze = await snoozeActionItem({
      bucket: "invoicesOverdue",
      itemId: invoice.id,
      until: ahead(2 * DAY).toISOString(),
      reason: "Client promised to pay on Friday",
      actor,
      now: NOW,
    });
    expect(snooze).toMatchObject({ bucket: "invoicesOverdue", itemId: invoice.id, until: ahead(2 * DAY) });

    expect((await bucketOf("invoicesOverdue", tenant.id)).count).toBe(0);
    // Other buckets are not affected by this snooze.
    const later = await getActionCenter({ bucket: "invoicesOverdue", tenantId: tenant.id, now: ahead(3 * DAY) });
    expect(ids(later.buckets.invoicesOverdue?.items ?? [])).toEqual([invoice.id]);

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "action_item.snoozed"), eq(auditEvents.tenantId, tenant.id)));
    expect(audit).toMatchObject({ actorId: actor.userId, targetId: `invoicesOverdue:${invoice.id}` });
    expect(audit?.after).toMatchObject({ reason: "Client promised to pay on Friday" });
    const uses = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.featureKey, "SnoozeAction"), eq(featureUsage.tenantId, tenant.id)));
    expect(uses).toHaveLength(1);
  });

  it("snoozing again replaces the date: one snooze per item", async () => {
    const tenant = await createTenant(db);
    const invoice = await openInvoice(tenant, ago(3 * DAY));
    const { actor } = await signedInStaff("billing");
    const input = { bucket: "invoicesOverdue" as const, itemId: invoice.id, reason: "waiting", actor, now: NOW };
    await snoozeActionItem({ ...input, until: ahead(5 * DAY) });
    await snoozeActionItem({ ...input, until: ahead(DAY) });
    const after = await getActionCenter({ bucket: "invoicesOverdue", tenantId: tenant.id, now: ahead(2 * DAY) });
    expect(after.buckets.invoicesOverdue?.count).toBe(1);
  });

  it("needs the bucket's write permission, a future date within 90 days, a reason and a real item", async () => {
    const tenant = await createTenant(db);
    const invoice = await openInvoice(tenant, ago(3 * DAY));
    const { actor: viewer } = await signedInStaff("viewer");
    const { actor: support } = await signedInStaff("support");
    const { actor: billing } = await signedInStaff("billing");
    const base = {
      bucket: "invoicesOverdue" as const,
      itemId: invoice.id,
      reason: "later",
      now: NOW,
      until: ahead(DAY),
    };
    expect((await rejection(snoozeActionItem({ ...base, actor: viewer }))).status).toBe(403);
    expect((await rejection(snoozeActionItem({ ...base, actor: support }))).status).toBe(403);
    const past = await rejection(snoozeActionItem({ ...base, actor: billing, until: ago(HOUR) }));
    expect([past.status, past.message]).toEqual([400, 'Invalid field "until": pick a time in the future']);
    expect((await rejection(snoozeActionItem({ ...base, actor: billing, until: ahead(91 * DAY) }))).status).toBe(400);
    expect((await rejection(snoozeActionItem({ ...base, actor: billing, reason: " " }))).message).toContain("reason");
    expect(
      (await rejection(snoozeActionItem({ ...base, actor: billing, itemId: "0195f0a0-0000-7000-8000-000000000000" })))
        .status,
    ).toBe(404);
    expect((await bucketOf("invoicesOverdue", tenant.id)).count).toBe(1);
  });
});
