import { db } from "@pp/db";
import { createInvoice, createSubscription, createTenant, ensureReferenceData } from "@pp/db/factories";
import { apiUsageRollupsDailyTenants, subscriptionEvents } from "@pp/db/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { backtestHealthScore } from "./backtest-health-score";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("backtestHealthScore", () => {
  it("scores tenants live on the 1st of a month from the data before it, against churn in the next 90 days", async () => {
    // The only month whose 90 days have passed by June 15 is March 1 (months: 1).
    const now = day("2025-06-15");
    const steady = await createTenant(db);
    const slipping = await createTenant(db);
    const gone = await createTenant(db);
    for (const tenant of [steady, slipping, gone])
      await createSubscription(db, { tenantId: tenant.id, startedAt: day("2024-06-01") });
    const [goneSubscription] = await db
      .insert(subscriptionEvents)
      .values({
        tenantId: gone.id,
        subscriptionId: (await createSubscription(db, { tenantId: gone.id, startedAt: day("2024-06-02") })).id,
        type: "churn",
        mrrBeforeCents: 9_900,
        mrrAfterCents: 0,
        effectiveAt: day("2025-01-01"),
      })
      .returning();
    expect(goneSubscription).toBeDefined();
    await db.insert(apiUsageRollupsDailyTenants).values([
      {
        day: day("2025-01-15"),
        tenantId: steady.id,
        requests: 1_000,
        errors: 0,
        rateLimited: 0,
        publicPeakMinuteRequests: 1,
      },
      {
        day: day("2025-02-15"),
        tenantId: steady.id,
        requests: 1_000,
        errors: 0,
        rateLimited: 0,
        publicPeakMinuteRequests: 1,
      },
      {
        day: day("2025-01-15"),
        tenantId: slipping.id,
        requests: 1_000,
        errors: 0,
        rateLimited: 0,
        publicPeakMinuteRequests: 1,
      },
      {
        day: day("2025-02-15"),
        tenantId: slipping.id,
        requests: 100,
        errors: 0,
        rateLimited: 0,
        publicPeakMinuteRequests: 1,
      },
    ]);
    // Unpaid since January: overdue 45 days on March 1; paid (too late) in May.
    await createInvoice(db, {
      tenantId: slipping.id,
      issuedAt: day("2025-01-01"),
      dueAt: day("2025-01-15"),
      status: "paid",
      paidAt: day("2025-05-01"),
      lines: [{ kind: "subscription", description: "Basic", unitAmountCents: 9_900 }],
    });
    const [subscription] = await db
      .insert(subscriptionEvents)
      .values({
        tenantId: slipping.id,
        subscriptionId: (await createSubscription(db, { tenantId: slipping.id, startedAt: day("2024-06-03") })).id,
        type: "churn",
        mrrBeforeCents: 9_900,
        mrrAfterCents: 0,
        effectiveAt: day("2025-04-15"),
      })
      .returning();
    expect(subscription).toBeDefined();

    const result = await backtestHealthScore({ now, months: 1 });
    // Other files' tenants share nothing with this database: only these three exist here, and
    // `gone` had churned before March 1. steady: (100·20 + 100·10 + 100·25 + 50·5 + 100·5)/100 = 62.5 → 63 (watch);
    // slipping: (10·20 + 100·10 + 0·25 + 50·5 + 100·5)/100 = 19.5 → 20 (at risk), churned April 15.
    expect(result).toMatchObject({
      months: 1,
      observations: 2,
      churned: 1,
      baseRate: 0.5,
      auc: 1,
      atRiskLift: 2,
      byBand: {
        healthy: { count: 0, churned: 0 },
        watch: { count: 1, churned: 0 },
        at_risk: { count: 1, churned: 1, rate: 1 },
      },
    });
  });
});
