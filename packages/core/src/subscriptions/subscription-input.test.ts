import { describe, expect, it } from "vitest";
import { ZAcquisitionSpend } from "../revenue/set-acquisition-spend";
import { ZChangeSubscriptionPlan } from "./change-subscription-plan";
import { ZStartSubscription } from "./start-subscription";

// Forms and CSV cells send digits as strings; JSON clients may send `true`, which is no quantity.
describe("subscription and spend numbers", () => {
  it("take digits in a string, as the Billing tab's form sends them", () => {
    expect(ZStartSubscription.parse({ planId: "p", quantity: "3", trialDays: "14" })).toMatchObject({
      quantity: 3,
      trialDays: 14,
    });
    expect(ZChangeSubscriptionPlan.parse({ quantity: "2" })).toMatchObject({ quantity: 2 });
    expect(ZAcquisitionSpend.parse({ month: "2026-05", channel: "web", amountCents: "125000" })).toMatchObject({
      amountCents: 125_000,
    });
  });

  it("refuse true where a number belongs, naming the field", () => {
    const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
      result.error?.issues.map((issue) => issue.path.join("."));
    expect(paths(ZStartSubscription.safeParse({ planId: "p", quantity: true }))).toEqual(["quantity"]);
    expect(paths(ZStartSubscription.safeParse({ planId: "p", trialDays: true }))).toEqual(["trialDays"]);
    expect(paths(ZChangeSubscriptionPlan.safeParse({ quantity: true }))).toEqual(["quantity"]);
    expect(paths(ZAcquisitionSpend.safeParse({ month: "2026-05", channel: "web", amountCents: true }))).toEqual([
      "amountCents",
    ]);
  });

  it("refuse text PostgreSQL cannot store", () => {
    expect(ZStartSubscription.safeParse({ planId: "a\u0000b" }).success).toBe(false);
    expect(ZStartSubscription.safeParse({ planId: "a\ud800b" }).success).toBe(false);
  });
});
