import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, subscriptions } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { issueInvoice } from "../billing/issue-invoice";
import { MARCH } from "../billing/testing";
import { rejection, signedInStaff } from "../staff/testing";
import { archiveCoupon } from "./archive-coupon";
import { archivePlan } from "./archive-plan";
import { createCoupon } from "./create-coupon";
import { createPlan } from "./create-plan";
import { listCoupons } from "./list-coupons";
import { listPlans } from "./list-plans";
import { requireAvailablePlan, requireRedeemableCoupon } from "./require-available-offer";
import { updateCoupon } from "./update-coupon";
import { updatePlan } from "./update-plan";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const NOW = new Date("2026-03-01T12:00:00Z");
const unique = () => randomUUID().slice(0, 8);

function planInput(code = `plan-${unique()}`) {
  return {
    code,
    name: "Growth",
    priceCents: 14_900,
    interval: "month" as const,
    includedLeads: 40,
    pricePerLeadCents: 3_900,
    apiRateLimitPerMinute: 120,
    features: ["lead_inbox", "invoicing", "lead_inbox"],
  };
}

function auditRows(targetId: string, action: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, targetId), eq(auditEvents.action, action)));
}

describe("plans", () => {
  it("creates a plan with normalised input and an audit row holding it", async () => {
    const { actor } = await signedInStaff("billing");
    const code = `Plan-${unique()}`;
    const plan = await createPlan({ ...planInput(code), actor, now: NOW });
    expect(plan).toMatchObject({
      code: code.toLowerCase(),
      currency: "USD",
      features: ["lead_inbox", "invoicing"],
      activeSubscriptions: 0,
      billingTermsLocked: false,
      archivedAt: null,
    });
    const [audit] = await auditRows(plan.id, "pricing.plan_created");
    expect(audit).toMatchObject({ actorId: actor.userId, targetType: "plan", tenantId: null });
    expect(audit?.after).toMatchObject({ code: code.toLowerCase(), priceCents: 14_900 });
  });

  it("names every bad field", async () => {
    const { actor } = await signedInStaff("billing");
    const error = await rejection(
      createPlan({
        ...planInput("x"),
        priceCents: -1,
        interval: "week" as "month",
        includedLeads: -5,
        pricePerLeadCents: 1.5,
        apiRateLimitPerMinute: 0,
        actor,
      }),
    );
    expect(error.status).toBe(400);
    const paths = (error.details as { path: string }[]).map((issue) => issue.path).sort();
    expect(paths).toEqual([
      "apiRateLimitPerMinute",
      "code",
      "includedLeads",
      "interval",
      "priceCents",
      "pricePerLeadCents",
    ]);
  });

  it("answers 409 naming a code already taken, archived plans included", async () => {
    const { actor } = await signedInStaff("billing");
    const first = await createPlan({ ...planInput(), actor });
    await archivePlan({ planId: first.id, actor });
    const error = await rejection(createPlan({ ...planInput(first.code.toUpperCase()), actor }));
    expect(error.status).toBe(409);
    expect(error.message).toContain(`"${first.code}"`);
  });

  it("edits a plan without subscriptions freely and audits before and after", async () => {
    const { actor } = await signedInStaff("billing");
    const plan = await createPlan({ ...planInput(), actor });
    const edited = await updatePlan({ planId: plan.id, priceCents: 15_900, name: "Growth+", features: ["sso"], actor });
    expect(edited).toMatchObject({ priceCents: 15_900, name: "Growth+", features: ["sso"], includedLeads: 40 });
    const [audit] = await auditRows(plan.id, "pricing.plan_updated");
    expect(audit?.before).toMatchObject({ priceCents: 14_900, name: "Growth" });
    expect(audit?.after).toMatchObject({ priceCents: 15_900, name: "Growth+" });
    expect((await rejection(updatePlan({ planId: plan.id, code: "other", actor } as never))).status).toBe(400);
    expect((await rejection(updatePlan({ planId: randomUUID(), name: "Nobody", actor }))).status).toBe(404);
  });

  it("never re-prices live subscriptions: billing terms are locked, name and limits are not", async () => {
    const { actor } = await signedInStaff("billing");
    const plan = await createPlan({ ...planInput(), actor });
    const tenant = await createTenant(db, { name: "Locked Plumbing" });
    await createSubscription(db, { tenantId: tenant.id, planId: plan.id, startedAt: new Date("2025-02-01T00:00:00Z") });

    const [listed] = (await listPlans({ status: "current" })).data.filter((row) => row.id === plan.id);
    expect(listed).toMatchObject({ activeSubscriptions: 1, billingTermsLocked: true });

    const error = await rejection(updatePlan({ planId: plan.id, priceCents: 99_900, actor }));
    expect(error.status).toBe(409);
    expect(error.message).toContain("1 active subscription");
    expect(error.message).toContain("priceCents");
    // Same value is not a change; name, features and rate limit stay editable.
    const edited = await updatePlan({
      planId: plan.id,
      priceCents: 14_900,
      name: "Growth (2025)",
      apiRateLimitPerMinute: 240,
      actor,
    });
    expect(edited).toMatchObject({ name: "Growth (2025)", apiRateLimitPerMinute: 240 });

    const invoice = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: new Date("2025-04-01T06:00:00Z") });
    expect(invoice.lines.find((line) => line.kind === "subscription")?.amountCents).toBe(14_900);
  });

  it("archives a plan: still listed, not available for new subscriptions, subscribers untouched, not twice", async () => {
    const { actor } = await signedInStaff("billing");
    const plan = await createPlan({ ...planInput(), actor });
    const tenant = await createTenant(db, { name: "Archive Heating" });
    const subscription = await createSubscription(db, { tenantId: tenant.id, planId: plan.id });
    expect((await requireAvailablePlan(db, plan.id)).id).toBe(plan.id);

    const archived = await archivePlan({ planId: plan.id, actor, now: NOW });
    expect(archived.archivedAt?.toISOString()).toBe(NOW.toISOString());
    expect((await listPlans({ status: "archived" })).data.map((row) => row.id)).toContain(plan.id);
    expect((await listPlans({ status: "current" })).data.map((row) => row.id)).not.toContain(plan.id);
    expect((await listPlans()).data.map((row) => row.id)).toContain(plan.id);

    const unavailable = await rejection(requireAvailablePlan(db, plan.id));
    expect(unavailable.status).toBe(400);
    expect(unavailable.message).toContain("archived");
    const [still] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(still).toMatchObject({ status: "active", planId: plan.id });

    expect((await rejection(archivePlan({ planId: plan.id, actor }))).status).toBe(409);
    expect((await rejection(updatePlan({ planId: plan.id, name: "Back", actor }))).status).toBe(409);
    const [audit] = await auditRows(plan.id, "pricing.plan_archived");
    expect(audit?.after).toMatchObject({ archivedAt: NOW.toISOString() });
    expect(audit?.metadata).toMatchObject({ activeSubscriptions: 1 });
  });
});

function couponInput(code = `SAVE${unique().toUpperCase()}`) {
  return { code, name: "Spring offer", percentOff: 20, duration: "repeating" as const, durationInMonths: 3 };
}

describe("coupons", () => {
  it("creates a percent coupon and an amount coupon, audited", async () => {
    const { actor } = await signedInStaff("billing");
    const percent = await createCoupon({
      ...couponInput(),
      maxRedemptions: 10,
      expiresAt: new Date("2026-06-01T00:00:00Z"),
      actor,
      now: NOW,
    });
    expect(percent).toMatchObject({
      percentOff: 20,
      amountOffCents: null,
      durationInMonths: 3,
      redemptions: 0,
      state: "redeemable",
    });
    const amount = await createCoupon({
      code: `off${unique()}`,
      name: "Fifty off",
      amountOffCents: 5_000,
      duration: "once",
      actor,
      now: NOW,
    });
    expect(amount.code).toBe(amount.code.toUpperCase());
    expect(amount).toMatchObject({ percentOff: null, amountOffCents: 5_000, durationInMonths: null });
    const [audit] = await auditRows(percent.id, "pricing.coupon_created");
    expect(audit?.after).toMatchObject({ percentOff: 20, duration: "repeating" });
  });

  it("refuses percent and amount together, neither, bad percentages, months without repeating, and past expiry", async () => {
    const { actor } = await signedInStaff("billing");
    const cases: [Record<string, unknown>, string][] = [
      [{ percentOff: 10, amountOffCents: 100 }, "amountOffCents"],
      [{ percentOff: undefined }, "percentOff"],
      [{ percentOff: 0 }, "percentOff"],
      [{ percentOff: 101 }, "percentOff"],
      [{ percentOff: undefined, amountOffCents: 0 }, "amountOffCents"],
      [{ duration: "repeating", durationInMonths: undefined }, "durationInMonths"],
      [{ duration: "forever", durationInMonths: 2 }, "durationInMonths"],
      [{ duration: "weekly" }, "duration"],
      [{ maxRedemptions: 0 }, "maxRedemptions"],
      [{ expiresAt: new Date("2026-02-01T00:00:00Z") }, "expiresAt"],
    ];
    for (const [override, field] of cases) {
      const error = await rejection(createCoupon({ ...couponInput(), ...override, actor, now: NOW } as never));
      expect(error.status, JSON.stringify(override)).toBe(400);
      expect(
        (error.details as { path: string }[]).map((issue) => issue.path),
        JSON.stringify(override),
      ).toContain(field);
    }
  });

  it("answers 409 naming a taken code", async () => {
    const { actor } = await signedInStaff("billing");
    const coupon = await createCoupon({ ...couponInput(), actor });
    const error = await rejection(createCoupon({ ...couponInput(coupon.code.toLowerCase()), actor }));
    expect(error.status).toBe(409);
    expect(error.message).toContain(`"${coupon.code}"`);
  });

  it("counts redemptions, keeps the discount fixed, and limits can only rise above what was used", async () => {
    const { actor } = await signedInStaff("billing");
    const coupon = await createCoupon({ ...couponInput(), maxRedemptions: 5, actor, now: NOW });
    for (const name of ["Redeem One", "Redeem Two"]) {
      const tenant = await createTenant(db, { name });
      await createSubscription(db, { tenantId: tenant.id, couponId: coupon.id, couponAppliedAt: NOW });
    }
    const [listed] = (await listCoupons({ now: NOW })).data.filter((row) => row.id === coupon.id);
    expect(listed?.redemptions).toBe(2);

    const low = await rejection(updateCoupon({ couponId: coupon.id, maxRedemptions: 1, actor, now: NOW }));
    expect(low.status).toBe(400);
    expect(low.message).toContain("at least 2");
    expect((await rejection(updateCoupon({ couponId: coupon.id, percentOff: 50, actor } as never))).status).toBe(400);

    const updated = await updateCoupon({
      couponId: coupon.id,
      maxRedemptions: 2,
      name: "Spring (last two)",
      actor,
      now: NOW,
    });
    expect(updated).toMatchObject({ maxRedemptions: 2, state: "used_up", name: "Spring (last two)" });
    expect((await rejection(requireRedeemableCoupon(db, coupon.id, NOW))).message).toContain("limit of 2");
    const [audit] = await auditRows(coupon.id, "pricing.coupon_updated");
    expect(audit?.before).toMatchObject({ maxRedemptions: 5 });
    expect(audit?.after).toMatchObject({ maxRedemptions: 2 });
  });

  it("archives a coupon: listed as archived, cannot be applied, not twice", async () => {
    const { actor } = await signedInStaff("billing");
    const coupon = await createCoupon({ ...couponInput(), actor, now: NOW });
    expect((await requireRedeemableCoupon(db, coupon.id, NOW)).id).toBe(coupon.id);
    const archived = await archiveCoupon({ couponId: coupon.id, actor, now: NOW });
    expect(archived.state).toBe("archived");
    expect((await listCoupons({ status: "archived" })).data.map((row) => row.id)).toContain(coupon.id);
    expect((await rejection(requireRedeemableCoupon(db, coupon.id, NOW))).message).toContain("archived");
    expect((await rejection(archiveCoupon({ couponId: coupon.id, actor }))).status).toBe(409);
    expect((await rejection(updateCoupon({ couponId: coupon.id, name: "Again", actor }))).status).toBe(409);
    expect(await auditRows(coupon.id, "pricing.coupon_archived")).toHaveLength(1);
  });

  it("treats an expired coupon as not redeemable", async () => {
    const { actor } = await signedInStaff("billing");
    const coupon = await createCoupon({
      ...couponInput(),
      expiresAt: new Date("2026-03-02T00:00:00Z"),
      actor,
      now: NOW,
    });
    const later = new Date("2026-03-03T00:00:00Z");
    expect((await rejection(requireRedeemableCoupon(db, coupon.id, later))).message).toContain("expired");
    const [listed] = (await listCoupons({ now: later })).data.filter((row) => row.id === coupon.id);
    expect(listed?.state).toBe("expired");
  });
});
