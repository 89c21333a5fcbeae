import { db } from "@pp/db";
import { createInvoice, createPayment, createTenant, ensureReferenceData } from "@pp/db/factories";
import { beforeAll, describe, expect, it } from "vitest";
import { getPaymentRetryAnalytics } from "./get-payment-retry-analytics";

const NOW = new Date("2030-06-15T12:00:00Z");
const DECLINED = "Card declined — insufficient funds";
const at = (day: string) => new Date(`${day}T06:00:00Z`);

beforeAll(async () => {
  await ensureReferenceData(db);
  const tenant = await createTenant(db, { name: "Retry Analytics Plumbing" });
  const invoice = () => createInvoice(db, { tenantId: tenant.id, issuedAt: at("2030-03-01") });
  const pay = (
    invoiceId: string,
    status: "failed" | "succeeded",
    day: string,
    amountCents: number,
    reason = DECLINED,
  ) =>
    createPayment(db, {
      invoiceId,
      status,
      attemptedAt: at(day),
      amountCents,
      failureReason: status === "failed" ? reason : null,
    });
  // A: $100 declined Apr 3 and 5, paid Apr 7 (attempt 3).
  const a = await invoice();
  await pay(a.id, "failed", "2030-04-03", 10_000);
  await pay(a.id, "failed", "2030-04-05", 10_000);
  await pay(a.id, "succeeded", "2030-04-07", 10_000);
  // B: $50 declined Apr 10, paid Apr 13 (attempt 2).
  const b = await invoice();
  await pay(b.id, "failed", "2030-04-10", 5_000);
  await pay(b.id, "succeeded", "2030-04-13", 5_000);
  // C: $200 with no card, three failures in May, never paid.
  const c = await invoice();
  for (const day of ["2030-05-02", "2030-05-04", "2030-05-06"])
    await pay(c.id, "failed", day, 20_000, "no_payment_method");
  // D: $80 declined May 20, not paid yet.
  const d = await invoice();
  await pay(d.id, "failed", "2030-05-20", 8_000);
  // E: paid first time (never in Payment Retries); F: first failure before the 6-month window.
  await pay((await invoice()).id, "succeeded", "2030-06-01", 7_000);
  await pay((await invoice()).id, "failed", "2029-12-20", 3_000);
});

describe("getPaymentRetryAnalytics", () => {
  it("recovered amount and rate per month of the first failure, by attempt, by decline reason", async () => {
    const analytics = await getPaymentRetryAnalytics({ now: NOW, months: 6 });
    const zero = { failedInvoices: 0, failedCents: 0, recoveredInvoices: 0, recoveredCents: 0, recoveryRate: 0 };
    expect(analytics.months).toEqual([
      { month: "2030-01", ...zero },
      { month: "2030-02", ...zero },
      { month: "2030-03", ...zero },
      // A + B: $150 failed, both paid afterwards → $150 recovered, 100 %.
      {
        month: "2030-04",
        failedInvoices: 2,
        failedCents: 15_000,
        recoveredInvoices: 2,
        recoveredCents: 15_000,
        recoveryRate: 100,
      },
      // C + D: $280 failed, nothing recovered.
      {
        month: "2030-05",
        failedInvoices: 2,
        failedCents: 28_000,
        recoveredInvoices: 0,
        recoveredCents: 0,
        recoveryRate: 0,
      },
      { month: "2030-06", ...zero },
    ]);
    expect(analytics.byAttempt).toEqual([
      // Attempt 2 reached by A, B, C; B paid by it: 1 of 3 = 33.3 %.
      { attempt: 2, tried: 3, recovered: 1, recoveredCents: 5_000, rate: 33.3 },
      // Attempt 3 reached by A and C; A paid by it: 1 of 2 = 50 %.
      { attempt: 3, tried: 2, recovered: 1, recoveredCents: 10_000, rate: 50 },
    ]);
    expect(analytics.byReason).toEqual([
      // A, B, D: $100 + $50 + $80 = $230 failed; A and B recovered $150: 2 of 3 = 66.7 %.
      {
        reason: DECLINED,
        failedInvoices: 3,
        failedCents: 23_000,
        recoveredInvoices: 2,
        recoveredCents: 15_000,
        recoveryRate: 66.7,
      },
      {
        reason: "no_payment_method",
        failedInvoices: 1,
        failedCents: 20_000,
        recoveredInvoices: 0,
        recoveredCents: 0,
        recoveryRate: 0,
      },
    ]);
  });
});
