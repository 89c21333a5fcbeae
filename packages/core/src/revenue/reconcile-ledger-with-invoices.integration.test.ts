import { db } from "@pp/db";
import { createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { subscriptionEvents, subscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { withCoupon } from "../billing/testing";
import { issueDueInvoices } from "../jobs/issue-due-invoices";
import { signedInStaff } from "../staff/testing";
import { changeSubscriptionPlan } from "../subscriptions/change-subscription-plan";
import { reconcileLedgerWithInvoices } from "./reconcile-ledger-with-invoices";

const MAY_1 = new Date("2025-05-01T00:00:00Z");
let planIds: Record<"basic" | "pro", string>;

beforeAll(async () => {
  const reference = await ensureReferenceData(db);
  planIds = { basic: reference.plans.basic.id, pro: reference.plans.pro.id };
});

describe("reconcileLedgerWithInvoices", () => {
  it("matches invoiced subscription revenue to the ledger and explains every difference", async () => {
    const { actor } = await signedInStaff("billing");
    const plain = await createTenant(db, { name: "Plain Plumbing" });
    await createSubscription(db, { tenantId: plain.id, planCode: "basic", startedAt: MAY_1 });
    const upgraded = await createTenant(db, { name: "Upgraded HVAC" });
    const upgrade = await createSubscription(db, { tenantId: upgraded.id, planCode: "basic", startedAt: MAY_1 });
    await changeSubscriptionPlan({
      subscriptionId: upgrade.id,
      planId: planIds.pro,
      actor,
      now: new Date("2025-05-15T00:00:00Z"),
    });
    const discounted = await createTenant(db, { name: "Discounted Electric" });
    const once = await createSubscription(db, { tenantId: discounted.id, planCode: "basic", startedAt: MAY_1 });
    await withCoupon(once.id, { percentOff: 50, duration: "once" }, MAY_1);
    // A price change written without its ledger movement: the reconciliation cannot explain it.
    const skipped = await createTenant(db, { name: "Skipped Ledger" });
    const skip = await createSubscription(db, { tenantId: skipped.id, planCode: "basic", startedAt: MAY_1 });
    await db.update(subscriptions).set({ planId: planIds.pro }).where(eq(subscriptions.id, skip.id));

    await issueDueInvoices({ now: new Date("2025-06-01T00:05:00Z") });
    const result = await reconcileLedgerWithInvoices({
      from: "2025-05",
      to: "2025-05",
      now: new Date("2025-06-02T00:00:00Z"),
    });

    // Upgrade after 14 of 31 days: −(24,900 − 9,900) × 14/31 = −6,774.19 → −6,774.
    const byTenant = new Map(result.differences.map((row) => [row.tenantName, row]));
    expect(byTenant.has("Plain Plumbing")).toBe(false);
    expect(byTenant.get("Upgraded HVAC")).toMatchObject({
      ledgerCents: 24_900,
      invoicedCents: 18_126,
      prorationCents: -6_774,
      couponCents: 0,
      unexplainedCents: 0,
    });
    expect(byTenant.get("Discounted Electric")).toMatchObject({
      ledgerCents: 9_900,
      invoicedCents: 4_950,
      couponCents: -4_950,
      unexplainedCents: 0,
    });
    expect(byTenant.get("Skipped Ledger")).toMatchObject({
      ledgerCents: 9_900,
      invoicedCents: 24_900,
      unexplainedCents: 15_000,
    });
    expect(result.months).toEqual([
      {
        month: "2025-05",
        ledgerCents: 9_900 + 24_900 + 9_900 + 9_900,
        invoicedCents: 9_900 + 18_126 + 4_950 + 24_900,
        couponCents: -4_950,
        prorationCents: -6_774,
        creditCents: 0,
        unexplainedCents: 15_000,
      },
    ]);
    expect(await db.select().from(subscriptionEvents)).toHaveLength(5);
  });
});
