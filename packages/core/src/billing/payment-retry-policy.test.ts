import { describe, expect, it } from "vitest";
import { gracePeriodEndsAt, paymentRetryPolicy, retryDueAt } from "./payment-retry-policy";

const dueAt = new Date("2025-04-15T09:00:00Z");

describe("paymentRetryPolicy", () => {
  it("retries 3, 5 and 7 days after the due date and ends the grace period 14 days after the last", () => {
    const policy = paymentRetryPolicy();
    expect([0, 1, 2, 3].map((attempt) => retryDueAt(dueAt, attempt, policy)?.toISOString() ?? null)).toEqual([
      "2025-04-18T09:00:00.000Z",
      "2025-04-20T09:00:00.000Z",
      "2025-04-22T09:00:00.000Z",
      null,
    ]);
    expect(gracePeriodEndsAt(dueAt, policy).toISOString()).toBe("2025-05-06T09:00:00.000Z");
  });

  it("takes overrides and refuses schedules that go backwards", () => {
    expect(
      gracePeriodEndsAt(dueAt, paymentRetryPolicy({ retryAfterDays: [1, 2], gracePeriodDays: 3 })).toISOString(),
    ).toBe("2025-04-20T09:00:00.000Z");
    expect(() => paymentRetryPolicy({ retryAfterDays: [5, 3] })).toThrow(/increasing/);
    expect(() => paymentRetryPolicy({ retryAfterDays: [] })).toThrow();
  });
});
