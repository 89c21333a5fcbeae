import { db, getPool } from "@pp/db";
import { seedDemo } from "@pp/db/factories";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLedgerIdentity } from "./check-ledger-identity";
import { getRevenueWaterfall } from "./get-revenue-waterfall";
import { reconcileLedgerWithInvoices } from "./reconcile-ledger-with-invoices";

const NOW = new Date(Date.UTC(2025, 5, 15));

beforeAll(async () => {
  await seedDemo({
    tenants: 40,
    months: 24,
    seed: 3,
    now: NOW,
    apiUsageRows: 0,
    password: "demo-password-1",
    pool: getPool(),
  });
}, 240_000);

describe("the MRR ledger of seed:demo", () => {
  it("has every kind of movement and satisfies the movement identity in every month", async () => {
    const types = await db.execute<{ type: string }>(sql`select distinct type from subscription_events order by type`);
    expect(types.rows.map((row) => row.type)).toEqual(["churn", "contraction", "expansion", "new", "reactivation"]);
    const identity = await checkLedgerIdentity({ now: NOW });
    expect(identity.months).toBeGreaterThanOrEqual(20);
    expect(identity.breaks).toEqual([]);
    const { months } = await getRevenueWaterfall({ from: "2023-07", to: "2025-06", now: NOW });
    expect(months.every((month) => month.identityGapCents === 0)).toBe(true);
    expect(months.at(-1)?.endMrrCents).toBeGreaterThan(0);
  });

  it("reconciles with the demo's invoices: nothing unexplained", async () => {
    const result = await reconcileLedgerWithInvoices({ from: "2024-07", to: "2025-05", now: NOW });
    expect(result.months.length).toBeGreaterThan(0);
    expect(result.differences.filter((row) => row.unexplainedCents !== 0)).toEqual([]);
  });
});
