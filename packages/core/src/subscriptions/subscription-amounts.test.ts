import { describe, expect, it } from "vitest";
import { monthlyRecurringCents, prorationCents } from "./subscription-amounts";

const BASIC = { priceCents: 9_900, interval: "month" as const };
const PRO = { priceCents: 24_900, interval: "month" as const };
const YEARLY = { priceCents: 100_000, interval: "year" as const };

describe("monthlyRecurringCents", () => {
  it("is price × quantity, yearly spread over 12 months, zero for trials and ended subscriptions", () => {
    expect(monthlyRecurringCents({ plan: PRO, quantity: 2, status: "active" })).toBe(49_800);
    expect(monthlyRecurringCents({ plan: YEARLY, quantity: 1, status: "past_due" })).toBe(8_333);
    expect(monthlyRecurringCents({ plan: PRO, quantity: 1, status: "trialing" })).toBe(0);
    expect(monthlyRecurringCents({ plan: PRO, quantity: 1, status: "canceled" })).toBe(0);
  });

  it("takes off forever coupons only (a once or repeating coupon is not recurring)", () => {
    const forever = { percentOff: 20, amountOffCents: null, duration: "forever" as const };
    expect(monthlyRecurringCents({ plan: BASIC, quantity: 1, status: "active", coupon: forever })).toBe(7_920);
    const amount = { percentOff: null, amountOffCents: 50_000, duration: "forever" as const };
    expect(monthlyRecurringCents({ plan: BASIC, quantity: 1, status: "active", coupon: amount })).toBe(0);
    const once = { percentOff: 50, amountOffCents: null, duration: "once" as const };
    expect(monthlyRecurringCents({ plan: BASIC, quantity: 1, status: "active", coupon: once })).toBe(9_900);
  });
});

describe("prorationCents", () => {
  const period = { periodStart: new Date("2025-06-01T00:00:00Z"), periodEnd: new Date("2025-07-01T00:00:00Z") };

  it("returns the elapsed part of the price difference: Basic → Pro after 14 of 30 days is −$70.00", () => {
    expect(
      prorationCents({ ...period, oldLineCents: 9_900, newLineCents: 24_900, at: new Date("2025-06-15T00:00:00Z") }),
    ).toEqual({ amountCents: -7_000, elapsedDays: 14, periodDays: 30 });
  });

  it("is positive for a downgrade and rounds to the nearest cent", () => {
    // (9900 − 24900) × 10/30 = −5000 → +$50.00; (24900 − 9900) × 1/30 = 500 → −$5.00
    expect(
      prorationCents({ ...period, oldLineCents: 24_900, newLineCents: 9_900, at: new Date("2025-06-11T00:00:00Z") })
        .amountCents,
    ).toBe(5_000);
    // 1000 × 7/30 = 233.33… → −233
    expect(
      prorationCents({ ...period, oldLineCents: 0, newLineCents: 1_000, at: new Date("2025-06-08T00:00:00Z") })
        .amountCents,
    ).toBe(-233);
  });

  it("is zero at the period start or when the price does not change", () => {
    expect(
      prorationCents({ ...period, oldLineCents: 9_900, newLineCents: 24_900, at: period.periodStart }).amountCents,
    ).toBe(0);
    expect(
      prorationCents({ ...period, oldLineCents: 9_900, newLineCents: 9_900, at: new Date("2025-06-20T00:00:00Z") })
        .amountCents,
    ).toBe(0);
  });
});
