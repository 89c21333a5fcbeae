import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { activities, auditEvents, featureUsage, subscriptions } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { extendSubscription } from "./extend-subscription";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const NOW = new Date("2025-06-15T12:00:00Z");
const DAY = 86_400_000;

async function subscriptionRow(id: string) {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row) throw new Error("subscription missing");
  return row;
}

describe("extendSubscription", () => {
  it("moves a paying subscription's current period end, on the timeline, audited and counted", async () => {
    const tenant = await createTenant(db);
    const subscription = await createSubscription(db, {
      tenantId: tenant.id,
      startedAt: new Date("2025-06-01T00:00:00Z"),
    });
    const { actor } = await signedInStaff("billing");
    const result = await extendSubscription({
      subscriptionId: subscription.id,
      days: 14,
      reason: "Goodwill after the outage",
      actor,
      now: NOW,
    });
    expect(result).toMatchObject({
      extended: "current_period_end",
      from: new Date("2025-07-01T00:00:00Z"),
      to: new Date("2025-07-15T00:00:00Z"),
    });
    const row = await subscriptionRow(subscription.id);
    expect(row.currentPeriodEnd).toEqual(new Date("2025-07-15T00:00:00Z"));
    expect(row.trialEnd).toBeNull();

    const [activity] = await db.select().from(activities).where(eq(activities.relatedId, subscription.id));
    expect(activity?.title).toBe("Subscription period extended by 14 days to Jul 15, 2025");
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subscription.extended"), eq(auditEvents.targetId, subscription.id)));
    expect(audit).toMatchObject({ actorId: actor.userId, tenantId: tenant.id, metadata: { days: 14 } });
    expect(audit?.before).toMatchObject({ currentPeriodEnd: "2025-07-01T00:00:00.000Z" });
    const uses = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.featureKey, "ExtendSubscription"), eq(featureUsage.tenantId, tenant.id)));
    expect(uses).toHaveLength(1);
  });

  it("gives a trial a later trial end (and period end when the trial outlasts it)", async () => {
    const tenant = await createTenant(db);
    const startedAt = new Date("2025-06-05T00:00:00Z");
    const subscription = await createSubscription(db, { tenantId: tenant.id, status: "trialing", startedAt });
    const { actor } = await signedInStaff("admin");
    const result = await extendSubscription({
      subscriptionId: subscription.id,
      days: 7,
      reason: "Needs a week more",
      actor,
      now: NOW,
    });
    expect(result).toMatchObject({ extended: "trial_end", to: new Date(startedAt.getTime() + 21 * DAY) });
    const row = await subscriptionRow(subscription.id);
    expect(row.trialEnd).toEqual(new Date(startedAt.getTime() + 21 * DAY));
    expect(row.currentPeriodEnd).toEqual(new Date("2025-07-05T00:00:00Z"));

    await extendSubscription({ subscriptionId: subscription.id, days: 30, reason: "Pilot runs long", actor, now: NOW });
    const longer = await subscriptionRow(subscription.id);
    expect(longer.trialEnd).toEqual(new Date(startedAt.getTime() + 51 * DAY));
    expect(longer.currentPeriodEnd).toEqual(longer.trialEnd);
  });

  it("validates days and reason, 404s unknown ids and refuses ended subscriptions", async () => {
    const tenant = await createTenant(db);
    const subscription = await createSubscription(db, {
      tenantId: tenant.id,
      startedAt: new Date("2025-06-01T00:00:00Z"),
    });
    const { actor } = await signedInStaff("billing");
    const base = { subscriptionId: subscription.id, days: 5, reason: "ok", actor, now: NOW };
    const zero = await rejection(extendSubscription({ ...base, days: 0 }));
    expect(zero.status).toBe(400);
    expect(zero.message).toContain('Invalid field "days"');
    expect((await rejection(extendSubscription({ ...base, days: 91 }))).status).toBe(400);
    expect((await rejection(extendSubscription({ ...base, reason: "  " }))).message).toContain("reason");
    expect((await rejection(extendSubscription({ ...base, subscriptionId: "nope" }))).status).toBe(404);
    expect(
      (await rejection(extendSubscription({ ...base, subscriptionId: "0195f0a0-0000-7000-8000-000000000000" }))).status,
    ).toBe(404);
    await db.update(subscriptions).set({ status: "canceled" }).where(eq(subscriptions.id, subscription.id));
    expect((await rejection(extendSubscription(base))).status).toBe(409);
    expect((await subscriptionRow(subscription.id)).currentPeriodEnd).toEqual(new Date("2025-07-01T00:00:00Z"));
  });
});
