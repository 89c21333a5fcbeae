import { describe, expect, it } from "vitest";
import { couponDiscountFor, couponInvoicesLeft } from "./coupon-discount";
import { invoiceTotalsOf } from "./recompute-invoice-totals";

const appliedAt = new Date("2025-03-01T00:00:00Z");
const base = { amountCents: 9_900, appliedAt, periodStart: appliedAt, invoicesSinceApplied: 0 };

describe("couponDiscountFor", () => {
  it("rounds percentages to the cent and caps amounts at the line", () => {
    const percent = { percentOff: 15, amountOffCents: null, duration: "forever" as const, durationInMonths: null };
    expect(couponDiscountFor({ ...base, coupon: percent })).toBe(1_485);
    const amount = { percentOff: null, amountOffCents: 20_000, duration: "forever" as const, durationInMonths: null };
    expect(couponDiscountFor({ ...base, coupon: amount })).toBe(9_900);
  });

  it("applies `once` to the first invoice and `repeating` to exactly the first N invoices after it was applied", () => {
    const once = { percentOff: 10, amountOffCents: null, duration: "once" as const, durationInMonths: null };
    expect(couponDiscountFor({ ...base, coupon: once })).toBe(990);
    expect(couponDiscountFor({ ...base, coupon: once, invoicesSinceApplied: 1 })).toBe(0);
    const repeating = { percentOff: 10, amountOffCents: null, duration: "repeating" as const, durationInMonths: 3 };
    // Applied mid-period (Mar 15): the invoices of March, April and May are discounted, June's is not.
    const midMarch = { ...base, appliedAt: new Date("2025-03-15T00:00:00Z"), coupon: repeating };
    expect(couponDiscountFor({ ...midMarch, invoicesSinceApplied: 0 })).toBe(990);
    expect(couponDiscountFor({ ...midMarch, invoicesSinceApplied: 2 })).toBe(990);
    expect(couponDiscountFor({ ...midMarch, invoicesSinceApplied: 3, periodStart: new Date("2025-06-01") })).toBe(0);
  });
});

describe("couponInvoicesLeft", () => {
  it("counts the invoices a coupon still discounts: forever never runs out, once and repeating do", () => {
    expect(couponInvoicesLeft({ duration: "forever", durationInMonths: null }, 40)).toBeNull();
    expect(couponInvoicesLeft({ duration: "once", durationInMonths: null }, 0)).toBe(1);
    expect(couponInvoicesLeft({ duration: "once", durationInMonths: null }, 1)).toBe(0);
    expect(couponInvoicesLeft({ duration: "repeating", durationInMonths: 3 }, 1)).toBe(2);
    expect(couponInvoicesLeft({ duration: "repeating", durationInMonths: 3 }, 5)).toBe(0);
  });
});

describe("invoiceTotalsOf", () => {
  it("separates charges, coupon discounts and credits, the total being exactly the sum of the lines", () => {
    const lines = [
      { kind: "subscription" as const, leadId: null, amountCents: 9_900 },
      { kind: "lead" as const, leadId: "a", amountCents: 6_500 },
      { kind: "adjustment" as const, leadId: "a", amountCents: -3_000 },
      { kind: "adjustment" as const, leadId: null, amountCents: -990 },
      { kind: "credit" as const, leadId: null, amountCents: -12_410 },
    ];
    // 9,900 + 6,500 − 3,000 = 13,400 subtotal; − 990 discount − 12,410 credit = 0.
    expect(invoiceTotalsOf(lines, 0)).toEqual({
      subtotalCents: 13_400,
      discountCents: 990,
      creditCents: 12_410,
      totalCents: 0,
      amountDueCents: 0,
    });
    // 13,400 − 990 = 12,410; 5,000 paid → 7,410 due.
    expect(invoiceTotalsOf(lines.slice(0, 4), 5_000).amountDueCents).toBe(7_410);
  });

  it("refuses lines whose credits exceed the charges instead of losing the difference", () => {
    const lines = [
      { kind: "subscription" as const, leadId: null, amountCents: 1_900 },
      { kind: "credit" as const, leadId: null, amountCents: -6_500 },
    ];
    expect(() => invoiceTotalsOf(lines, 0)).toThrow("credits exceed charges");
  });
});
