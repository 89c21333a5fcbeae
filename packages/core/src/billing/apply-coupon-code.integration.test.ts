// Issue #18 item 6: a contractor applies a coupon code on their Billing page. Figures are computed by hand beside them.
import { randomUUID } from "node:crypto";
import { db } from "@pp/db";
import { createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, coupons, featureUsage, subscriptionEvents, subscriptions } from "@pp/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveCoupon } from "../pricing/archive-coupon";
import { createCoupon, type TCreateCoupon } from "../pricing/create-coupon";
import { rejection, signedInStaff } from "../staff/testing";
import { startSubscription } from "../subscriptions/start-subscription";
import { applyCouponCode } from "./apply-coupon-code";
import { getUpcomingInvoice } from "./get-upcoming-invoice";
import { issueInvoice } from "./issue-invoice";
import { APRIL, basicClient, MARCH, memberOf, testPlan } from "./testing";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const APPLIED_AT = new Date("2025-03-10T09:00:00Z");
const MARCH_ISSUED = new Date("2025-04-01T06:00:00Z");
const APRIL_ISSUED = new Date("2025-05-01T06:00:00Z");

/** A coupon with a code no other test uses; `now` before the applications so a future expiry is allowed. */
async function coupon(terms: Omit<TCreateCoupon, "code" | "name"> & { prefix?: string }) {
  const { actor } = await signedInStaff("billing");
  const code = `${terms.prefix ?? "T"}${randomUUID().slice(0, 8).toUpperCase()}`;
  const { prefix: _prefix, ...rest } = terms;
  return createCoupon({ ...rest, code, name: "Test offer", actor, now: new Date("2025-01-01T00:00:00Z") });
}

async function client(name = "Rapid Rooter") {
  const { tenant, subscription } = await basicClient(name);
  return { tenant, subscription, actor: await memberOf(tenant) };
}

function amounts(lines: { kind: string; amountCents: number }[]) {
  return lines.map((line) => [line.kind, line.amountCents]);
}

describe("applyCouponCode", () => {
  it("puts a valid code on the plan: the next invoice ($99.00) carries 20% off (−$19.80 → $79.20), the one after does not", async () => {
    const { tenant, subscription, actor } = await client();
    const spring = await coupon({ percentOff: 20, duration: "once" });

    const applied = await applyCouponCode({
      tenantId: tenant.id,
      code: spring.code.toLowerCase(),
      actor,
      now: APPLIED_AT,
    });
    expect(applied).toMatchObject({ code: spring.code, summary: "20% off your next invoice", replacedCode: null });

    // The Billing page's preview: $99.00 plan − $19.80 (20% of 9,900 = 1,980) = $79.20.
    const upcoming = await getUpcomingInvoice({ tenantId: tenant.id });
    expect(upcoming && amounts(upcoming.lines)).toEqual([
      ["subscription", 9_900],
      ["adjustment", -1_980],
    ]);
    expect(upcoming?.subtotalCents).toBe(7_920);
    expect(upcoming?.coupon).toMatchObject({ code: spring.code, invoicesLeft: 1 });

    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    expect(amounts(march.lines)).toEqual([
      ["subscription", 9_900],
      ["adjustment", -1_980],
    ]);
    expect(march).toMatchObject({ subtotalCents: 9_900, discountCents: 1_980, totalCents: 7_920 });
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: APRIL_ISSUED });
    expect(april).toMatchObject({ discountCents: 0, totalCents: 9_900 });

    const [row] = await db.select().from(coupons).where(eq(coupons.id, spring.id));
    expect(row?.timesRedeemed).toBe(1);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, subscription.id), eq(auditEvents.action, "subscription.coupon_applied")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.metadata).toMatchObject({ code: spring.code });
    const used = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.tenantId, tenant.id), eq(featureUsage.featureKey, "ApplyCoupon")));
    expect(used).toMatchObject([{ app: "tenant", userId: actor.userId }]);
  });

  it("moves MRR for a forever coupon: $99.00 − $15.00 = $84.00, recorded as a contraction", async () => {
    const { tenant, subscription, actor } = await client();
    const loyal = await coupon({ amountOffCents: 1_500, duration: "forever" });
    await applyCouponCode({ tenantId: tenant.id, code: loyal.code, actor, now: APPLIED_AT });
    const [after] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscription.id));
    expect(after?.mrrCents).toBe(8_400);
    const events = await db
      .select()
      .from(subscriptionEvents)
      .where(eq(subscriptionEvents.subscriptionId, subscription.id))
      .orderBy(asc(subscriptionEvents.effectiveAt));
    expect(events.map((event) => [event.type, event.mrrBeforeCents, event.mrrAfterCents])).toEqual([
      ["new", 0, 9_900],
      ["contraction", 9_900, 8_400],
    ]);
    const march = await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    expect(march.totalCents).toBe(8_400);
  });

  it("refuses an unknown, expired, withdrawn or used-up code with a message about the code", async () => {
    const { tenant, actor } = await client();
    const apply = (code: string) => rejection(applyCouponCode({ tenantId: tenant.id, code, actor, now: APPLIED_AT }));

    const unknown = await apply("NOPE-2025");
    expect(unknown).toMatchObject({ code: "not_found", status: 404 });
    expect(unknown.message).toBe('There is no coupon code "NOPE-2025" — check the spelling');

    const expired = await coupon({ percentOff: 10, duration: "once", expiresAt: new Date("2025-03-01T00:00:00Z") });
    const late = await apply(expired.code);
    expect(late).toMatchObject({ status: 422, message: "This code has expired (on Mar 1, 2025)" });
    expect(late.details).toEqual([{ path: "code", message: late.message }]);

    const withdrawn = await coupon({ percentOff: 10, duration: "once" });
    const { actor: staff } = await signedInStaff("billing");
    await archiveCoupon({ couponId: withdrawn.id, actor: staff });
    expect(await apply(withdrawn.code)).toMatchObject({
      status: 422,
      message: "This code has been withdrawn and can no longer be applied",
    });

    // One redemption allowed, used by another contractor first.
    const single = await coupon({ percentOff: 10, duration: "once", maxRedemptions: 1 });
    const other = await client("Drain Bros");
    await applyCouponCode({ tenantId: other.tenant.id, code: single.code, actor: other.actor, now: APPLIED_AT });
    expect(await apply(single.code)).toMatchObject({
      status: 422,
      message: "This code has reached its redemption limit",
    });

    // A malformed code is a 400 naming the field, before any lookup.
    expect(await apply("x")).toMatchObject({ status: 400 });
    expect((await apply("x")).message).toMatch(/"code": must be 3–40 letters/);
    // Nothing was put on the plan.
    expect((await getUpcomingInvoice({ tenantId: tenant.id }))?.coupon).toBeNull();
  });

  it("applies a code once: the same code again is a 409 and counts no second redemption; another code waits until the first has run out", async () => {
    const { tenant, actor } = await client();
    const first = await coupon({ percentOff: 20, duration: "once", maxRedemptions: 5 });
    const second = await coupon({ amountOffCents: 1_000, duration: "repeating", durationInMonths: 2 });
    await applyCouponCode({ tenantId: tenant.id, code: first.code, actor, now: APPLIED_AT });

    const again = await rejection(applyCouponCode({ tenantId: tenant.id, code: first.code, actor, now: APPLIED_AT }));
    expect(again).toMatchObject({ status: 409, message: `${first.code} is already applied to your plan` });
    const swap = await rejection(applyCouponCode({ tenantId: tenant.id, code: second.code, actor, now: APPLIED_AT }));
    expect(swap).toMatchObject({ status: 409 });
    expect(swap.message).toBe(
      `Your plan already has ${first.code} (20% off on your next invoice) — one code at a time; you can apply another once it has ended`,
    );
    const [firstRow] = await db.select().from(coupons).where(eq(coupons.id, first.id));
    expect(firstRow?.timesRedeemed).toBe(1);

    // March's invoice used the 20% (−$19.80); the coupon has run out, so the next code replaces it.
    await issueInvoice({ tenantId: tenant.id, ...MARCH, now: MARCH_ISSUED });
    const replaced = await applyCouponCode({
      tenantId: tenant.id,
      code: second.code,
      actor,
      now: new Date("2025-04-02T00:00:00Z"),
    });
    expect(replaced).toMatchObject({ replacedCode: first.code, summary: "$10.00 off your next 2 invoices" });
    // April: $99.00 − $10.00 = $89.00.
    const april = await issueInvoice({ tenantId: tenant.id, ...APRIL, now: APRIL_ISSUED });
    expect(april).toMatchObject({ discountCents: 1_000, totalCents: 8_900 });
    // The replaced coupon still counts the redemption it had.
    const [afterRow] = await db.select().from(coupons).where(eq(coupons.id, first.id));
    expect(afterRow?.timesRedeemed).toBe(1);
  });

  it("touches only the caller's own plan; a client without a current plan gets a 409", async () => {
    const mine = await client("Mine Plumbing");
    const theirs = await client("Theirs Plumbing");
    const code = await coupon({ percentOff: 50, duration: "once" });
    await applyCouponCode({ tenantId: mine.tenant.id, code: code.code, actor: mine.actor, now: APPLIED_AT });
    const [other] = await db.select().from(subscriptions).where(eq(subscriptions.id, theirs.subscription.id));
    expect(other?.couponId).toBeNull();

    const bare = await createTenant(db);
    const refused = await rejection(
      applyCouponCode({ tenantId: bare.id, code: code.code, actor: await memberOf(bare), now: APPLIED_AT }),
    );
    expect(refused).toMatchObject({ status: 409 });
    expect(refused.message).toMatch(/^You have no current plan to apply /);
  });

  it("counts a redemption staff make when starting a subscription against the same limit", async () => {
    const single = await coupon({ percentOff: 10, duration: "once", maxRedemptions: 1 });
    const { actor: staff } = await signedInStaff("billing");
    const started = await createTenant(db);
    const plan = await testPlan({ includedLeads: 0 });
    await startSubscription({ tenantId: started.id, planId: plan.id, couponId: single.id, actor: staff });
    const [row] = await db.select().from(coupons).where(eq(coupons.id, single.id));
    expect(row?.timesRedeemed).toBe(1);
    const { tenant, actor } = await client();
    expect(await rejection(applyCouponCode({ tenantId: tenant.id, code: single.code, actor }))).toMatchObject({
      status: 422,
      message: "This code has reached its redemption limit",
    });
  });
});
