import { verifyPassword } from "better-auth/crypto";
import { and, asc, count, eq, lt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../client";
import {
  accounts,
  apiUsage,
  invoiceLines,
  invoices,
  leadDisputes,
  leads,
  memberships,
  tenants,
  users,
} from "../schema";
import { seedTestTenant } from "./seed-test-tenant";

async function countWhere(rows: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await rows;
  return row?.n ?? 0;
}

describe("seedTestTenant", () => {
  it("creates the runbook test tenant once; a re-run returns the same rows and a new owner password", async () => {
    const first = await seedTestTenant(db);
    const second = await seedTestTenant(db);

    expect(first).toMatchObject({ slug: "test-plumbing-co", ownerEmail: "owner@test-plumbing-co.test", created: true });
    expect(second.created).toBe(false);
    const { ownerPassword: firstPassword, created: _first, ...firstIds } = first;
    const { ownerPassword: secondPassword, created: _second, ...secondIds } = second;
    expect(secondIds).toEqual(firstIds);
    expect(secondPassword).not.toBe(firstPassword);
    expect(first.leadIds).toHaveLength(5);
    expect(first.apiUsageRows).toBeGreaterThanOrEqual(50);
    expect(first.featureUsageRows).toBeGreaterThan(0);

    expect(await countWhere(db.select({ n: count() }).from(tenants).where(eq(tenants.slug, "test-plumbing-co")))).toBe(
      1,
    );
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, first.tenantId));
    expect(tenant).toMatchObject({ name: "Test Plumbing Co", trade: "plumbing", status: "active" });
    expect(tenant?.serviceAreas.every((area) => /^\d{5}$/.test(area.zip ?? ""))).toBe(true);
    expect(tenant?.billingEmail).toBe("billing@test-plumbing-co.test");

    expect(await countWhere(db.select({ n: count() }).from(leads).where(eq(leads.tenantId, first.tenantId)))).toBe(5);
    // The leads read like homeowners wrote them: pages show these words as they are.
    const descriptions = await db
      .select({ description: leads.description })
      .from(leads)
      .where(eq(leads.tenantId, first.tenantId));
    for (const { description } of descriptions) {
      expect(description).not.toMatch(/sample|seed|test tenant/i);
      expect(description?.length ?? 0).toBeGreaterThan(40);
    }
    const sources = await db
      .selectDistinct({ source: leads.source })
      .from(leads)
      .where(eq(leads.tenantId, first.tenantId));
    expect(sources.length).toBeGreaterThan(2);
    const disputes = await db.select().from(leadDisputes).where(eq(leadDisputes.tenantId, first.tenantId));
    expect(disputes).toEqual([expect.objectContaining({ id: first.disputeId, status: "pending" })]);

    const overdue = await db
      .select()
      .from(invoices)
      .where(
        and(
          eq(invoices.tenantId, first.tenantId),
          eq(invoices.status, "open"),
          lt(invoices.dueAt, new Date(Date.now() - 10 * 86_400_000)),
        ),
      );
    expect(overdue.map((invoice) => invoice.id)).toEqual([first.invoiceId]);
    expect(overdue[0]?.number).toMatch(/^INV-\d{6}-\d{5}$/);
    // Billed as the invoice job bills it: Basic's 25 included leads cover the period's 3 leads
    // (drain cleaning $35, water heater $65, leak repair $40 — charged $0), so $99.00 is due, not $239.00.
    expect(overdue[0]).toMatchObject({ subtotalCents: 9_900, totalCents: 9_900, amountDueCents: 9_900 });
    const lines = await db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, first.invoiceId))
      .orderBy(asc(invoiceLines.amountCents), asc(invoiceLines.description));
    expect(lines.map((line) => [line.kind, line.amountCents, line.included])).toEqual([
      ["lead", 0, true],
      ["lead", 0, true],
      ["lead", 0, true],
      ["subscription", 9_900, false],
    ]);
    expect(lines.map((line) => line.description)).toEqual(
      expect.arrayContaining([
        "Basic plan (monthly)",
        expect.stringMatching(
          /^Lead: Drain cleaning \(received \w{3} \d{1,2}, \d{4}\) — included in plan \(1 of 25\)$/,
        ),
      ]),
    );

    const statuses = await db
      .selectDistinct({ status: apiUsage.status })
      .from(apiUsage)
      .where(eq(apiUsage.tenantId, first.tenantId));
    expect(statuses.map((row) => row.status)).toEqual(expect.arrayContaining([200, 429]));
    expect(
      await countWhere(db.select({ n: count() }).from(apiUsage).where(eq(apiUsage.tenantId, first.tenantId))),
    ).toBe(first.apiUsageRows);

    const [owner] = await db.select().from(users).where(eq(users.email, first.ownerEmail));
    const [membership] = await db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, owner?.id ?? ""));
    expect(membership).toMatchObject({ tenantId: first.tenantId, role: "owner" });
    const credentials = await db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, owner?.id ?? ""));
    expect(credentials).toHaveLength(1);
    expect(await verifyPassword({ hash: credentials[0]?.password ?? "", password: secondPassword })).toBe(true);
    expect(await verifyPassword({ hash: credentials[0]?.password ?? "", password: firstPassword })).toBe(false);
  });

  it("creates another tenant for another slug and trade", async () => {
    const plumbing = await seedTestTenant(db);
    const hvac = await seedTestTenant(db, { slug: "test-hvac-two", trade: "hvac", name: "Test HVAC Two" });
    expect(hvac.tenantId).not.toBe(plumbing.tenantId);
    expect(hvac.ownerEmail).toBe("owner@test-hvac-two.test");
    const [tenant] = await db.select().from(tenants).where(eq(tenants.id, hvac.tenantId));
    expect(tenant).toMatchObject({ trade: "hvac", name: "Test HVAC Two" });
    const categories = await db
      .selectDistinct({ category: leads.category })
      .from(leads)
      .where(eq(leads.tenantId, hvac.tenantId));
    expect(categories.map((row) => row.category)).toEqual(expect.arrayContaining(["ac_repair", "furnace_install"]));
  });
});
