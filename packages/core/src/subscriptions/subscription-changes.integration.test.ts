import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import {
  auditEvents,
  emailOutbox,
  featureUsage,
  invoiceLines,
  invoices,
  plans,
  subscriptionEvents,
  subscriptions,
  tenants,
} from "@pp/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withCoupon } from "../billing/testing";
import { issueDueInvoices } from "../jobs/issue-due-invoices";
import { archivePlan } from "../pricing/archive-plan";
import { rejection, signedInStaff } from "../staff/testing";
import { cancelSubscription } from "./cancel-subscription";
import { changeSubscriptionPlan } from "./change-subscription-plan";
import { convertTrial } from "./convert-trial";
import { reactivateSubscription } from "./reactivate-subscription";
import { startSubscription } from "./start-subscription";

let planIds: Record<"basic" | "pro" | "enterprise", string>;

beforeAll(async () => {
  const reference = await ensureReferenceData(db);
  planIds = { basic: reference.plans.basic.id, pro: reference.plans.pro.id, enterprise: reference.plans.enterprise.id };
});

const JUNE_1 = new Date("2025-06-01T00:00:00Z");
const JUNE_15 = new Date("2025-06-15T00:00:00Z");
const JULY_1 = new Date("2025-07-01T00:00:00Z");

async function basicSince(startedAt: Date) {
  const tenant = await createTenant(db, { billingEmail: `billing-${Math.random().toString(36).slice(2)}@client.test` });
  const subscription = await createSubscription(db, { tenantId: tenant.id, planCode: "basic", startedAt });
  return { tenant, subscription };
}

async function eventsOf(subscriptionId: string) {
  return db
    .select()
    .from(subscriptionEvents)
    .where(eq(subscriptionEvents.subscriptionId, subscriptionId))
    .orderBy(asc(subscriptionEvents.effectiveAt), asc(subscriptionEvents.id));
}

async function linesOf(invoiceId: string) {
  return db
    .select({ kind: invoiceLines.kind, description: invoiceLines.description, amountCents: invoiceLines.amountCents })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.createdAt), asc(invoiceLines.amountCents));
}

describe("subscription changes", () => {
  it("upgrades now: expansion in the ledger, and June's invoice charges 14 days of Basic and 16 of Pro to the cent", async () => {
    const { tenant, subscription } = await basicSince(JUNE_1);
    const { actor } = await signedInStaff("billing");
    const result = await changeSubscriptionPlan({
      subscriptionId: subscription.id,
      planId: planIds.pro,
      actor,
      now: JUNE_15,
    });
    expect(result).toMatchObject({
      movement: "expansion",
      scheduled: false,
      mrrBeforeCents: 9_900,
      mrrAfterCents: 24_900,
      prorationCents: -7_000,
    });
    const events = await eventsOf(subscription.id);
    expect(events.map((e) => [e.type, e.mrrBeforeCents, e.mrrAfterCents, e.effectiveAt])).toEqual([
      ["new", 0, 9_900, JUNE_1],
      ["expansion", 9_900, 24_900, JUNE_15],
    ]);
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(row).toMatchObject({ planId: planIds.pro, mrrCents: 24_900 });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subscription.changed"), eq(auditEvents.targetId, subscription.id)));
    expect(audit?.actorId).toBe(actor.userId);
    const uses = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.featureKey, "ChangeSubscription"), eq(featureUsage.tenantId, tenant.id)));
    expect(uses).toHaveLength(1);
    const [mail] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.tenantId, tenant.id), eq(emailOutbox.kind, "subscription_changed")));
    expect(mail?.subject).toBe("Your plan is now Pro");

    const run = await issueDueInvoices({ now: new Date("2025-07-01T00:05:00Z") });
    const issued = run.issued.find((i) => i.tenantId === tenant.id);
    expect(issued).toBeDefined();
    const lines = await linesOf(issued?.invoiceId ?? "");
    // 9,900 × 14/30 + 24,900 × 16/30 = 4,620 + 13,280 = 17,900 = 24,900 − 7,000.
    expect(lines).toEqual([
      {
        kind: "adjustment",
        description: "Prorated: Basic → Pro on Jun 15, 2025 (Basic rate for 14 of 30 days)",
        amountCents: -7_000,
      },
      { kind: "subscription", description: "Pro plan (monthly)", amountCents: 24_900 },
    ]);
    const [invoice] = await db
      .select()
      .from(invoices)
      .where(eq(invoices.id, issued?.invoiceId ?? ""));
    expect(invoice?.totalCents).toBe(17_900);
    // A second run adds nothing: the proration is on an invoice.
    await issueDueInvoices({ now: new Date("2025-07-01T00:06:00Z") });
    expect(await linesOf(issued?.invoiceId ?? "")).toHaveLength(2);
  });

  it("schedules a downgrade for the period end; the invoice job applies it after billing the period", async () => {
    const { subscription } = await basicSince(JUNE_1);
    const { actor } = await signedInStaff("billing");
    await changeSubscriptionPlan({ subscriptionId: subscription.id, planId: planIds.pro, actor, now: JUNE_1 });
    const down = await changeSubscriptionPlan({
      subscriptionId: subscription.id,
      planId: planIds.basic,
      actor,
      now: JUNE_15,
    });
    expect(down).toMatchObject({ movement: "contraction", scheduled: true, effectiveAt: JULY_1, prorationCents: 0 });
    const [before] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(before?.planId).toBe(planIds.pro);
    const run = await issueDueInvoices({ now: new Date("2025-07-01T00:05:00Z") });
    const issued = run.issued.find((i) => i.tenantId === subscription.tenantId);
    expect((await linesOf(issued?.invoiceId ?? "")).map((l) => l.amountCents)).toEqual([24_900]);
    const [after] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(after).toMatchObject({ planId: planIds.basic, mrrCents: 9_900, currentPeriodStart: JULY_1 });
    expect((await eventsOf(subscription.id)).map((e) => [e.type, e.mrrAfterCents, e.effectiveAt])).toEqual([
      ["new", 9_900, JUNE_1],
      ["expansion", 24_900, JUNE_1],
      ["contraction", 9_900, JULY_1],
    ]);
  });

  it("keeps a forever coupon in MRR when a scheduled downgrade takes effect", async () => {
    const tenant = await createTenant(db, {
      billingEmail: `billing-${Math.random().toString(36).slice(2)}@client.test`,
    });
    const subscription = await createSubscription(db, { tenantId: tenant.id, planCode: "pro", startedAt: JUNE_1 });
    await withCoupon(subscription.id, { percentOff: 20, duration: "forever" }, JUNE_1);
    const { actor } = await signedInStaff("billing");
    const down = await changeSubscriptionPlan({
      subscriptionId: subscription.id,
      planId: planIds.basic,
      actor,
      now: JUNE_15,
    });
    // Basic $99.00 − 20% ($19.80) = $79.20 a month after the change.
    expect(down).toMatchObject({ scheduled: true, effectiveAt: JULY_1 });
    await issueDueInvoices({ now: new Date("2025-07-01T00:05:00Z") });
    const [after] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    // Without the coupon it was $99.00 (9,900), disagreeing with the ledger's contraction to $79.20.
    expect(after).toMatchObject({ planId: planIds.basic, mrrCents: 7_920 });
    const events = await eventsOf(subscription.id);
    expect(events.at(-1)).toMatchObject({ type: "contraction", mrrAfterCents: 7_920, effectiveAt: JULY_1 });
  });

  it("cancels now with a final invoice for the days used; reactivating brings MRR back as a reactivation", async () => {
    const { tenant, subscription } = await basicSince(JUNE_1);
    const { actor } = await signedInStaff("billing");
    const canceled = await cancelSubscription({
      subscriptionId: subscription.id,
      when: "now",
      reasonCode: "too_expensive",
      actor,
      now: JUNE_15,
    });
    expect(canceled.scheduled).toBe(false);
    // 9,900 − 9,900 × 16/30 (5,280) = 4,620 for Jun 1–15.
    const lines = await linesOf(canceled.finalInvoiceId ?? "");
    expect(lines.map((l) => l.amountCents).sort((a, b) => a - b)).toEqual([-5_280, 9_900]);
    const [invoice] = await db
      .select()
      .from(invoices)
      .where(eq(invoices.id, canceled.finalInvoiceId ?? ""));
    expect(invoice?.totalCents).toBe(4_620);
    const [gone] = await db.select().from(tenants).where(eq(tenants.id, tenant.id));
    expect(gone?.status).toBe("churned");
    expect(
      (
        await rejection(
          cancelSubscription({ subscriptionId: subscription.id, reasonCode: "other", actor, now: JUNE_15 }),
        )
      ).status,
    ).toBe(409);

    const back = await reactivateSubscription({
      subscriptionId: subscription.id,
      actor,
      now: new Date("2025-06-20T00:00:00Z"),
    });
    expect(back).toMatchObject({ movement: "reactivation", mrrAfterCents: 9_900 });
    expect((await eventsOf(subscription.id)).map((e) => [e.type, e.mrrBeforeCents, e.mrrAfterCents])).toEqual([
      ["new", 0, 9_900],
      ["churn", 9_900, 0],
      ["reactivation", 0, 9_900],
    ]);
  });

  it("cancels at period end as a future churn, which reactivating withdraws", async () => {
    const { subscription } = await basicSince(JUNE_1);
    const { actor } = await signedInStaff("admin");
    const scheduled = await cancelSubscription({
      subscriptionId: subscription.id,
      reasonCode: "not_using",
      actor,
      now: JUNE_15,
    });
    expect(scheduled).toMatchObject({ scheduled: true, effectiveAt: JULY_1 });
    expect((await eventsOf(subscription.id)).map((e) => [e.type, e.effectiveAt])).toEqual([
      ["new", JUNE_1],
      ["churn", JULY_1],
    ]);
    await reactivateSubscription({ subscriptionId: subscription.id, actor, now: JUNE_15 });
    expect((await eventsOf(subscription.id)).map((e) => e.type)).toEqual(["new"]);
    const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(row).toMatchObject({ status: "active", cancelAtPeriodEnd: false });
  });

  it("starts a trial with no MRR, converts it to a new movement, and refuses archived plans and duplicates", async () => {
    const tenant = await createTenant(db, { status: "trial" });
    const { actor } = await signedInStaff("billing");
    const trial = await startSubscription({
      tenantId: tenant.id,
      planId: planIds.pro,
      trialDays: 14,
      actor,
      now: JUNE_1,
    });
    expect(trial).toMatchObject({ status: "trialing", mrrCents: 0, trialEnd: new Date("2025-06-15T00:00:00Z") });
    expect(await eventsOf(trial.id)).toEqual([]);
    const again = await rejection(
      startSubscription({ tenantId: tenant.id, planId: planIds.basic, actor, now: JUNE_1 }),
    );
    expect(again.status).toBe(409);
    await convertTrial({ subscriptionId: trial.id, actor, now: JUNE_15 });
    expect((await eventsOf(trial.id)).map((e) => [e.type, e.mrrAfterCents, e.effectiveAt])).toEqual([
      ["new", 24_900, JUNE_15],
    ]);

    const other = await createTenant(db);
    const [archived] = await db
      .insert(plans)
      .values({ code: `old-${Date.now()}`, name: "Legacy", priceCents: 5_000 })
      .returning();
    await archivePlan({ planId: archived?.id ?? "", actor });
    const refused = await rejection(startSubscription({ tenantId: other.id, planId: archived?.id ?? "", actor }));
    expect(refused.status).toBe(400);
    expect(refused.message).toContain("planId");
    expect(
      (await rejection(startSubscription({ tenantId: other.id, planId: planIds.basic, quantity: 0, actor }))).message,
    ).toContain("quantity");
    expect(
      (
        await rejection(
          startSubscription({ tenantId: "0195f0a0-0000-7000-8000-000000000000", planId: planIds.basic, actor }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await rejection(changeSubscriptionPlan({ subscriptionId: "nope", planId: planIds.pro, actor }))).status,
    ).toBe(404);
    expect(
      (await rejection(cancelSubscription({ subscriptionId: trial.id, reasonCode: "bored" as "other", actor })))
        .message,
    ).toContain("reasonCode");
  });
});
