// Helpers for the billing and dispute integration tests (not used by product code).
import { db } from "@pp/db";
import { createLead, createMember, createSubscription, createTenant, type Tenant } from "@pp/db/factories";
import { type COUPON_DURATIONS, coupons, plans, subscriptions } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import type { MemberActor } from "../auth/actors";

export const MARCH = { periodStart: new Date("2025-03-01T00:00:00Z"), periodEnd: new Date("2025-04-01T00:00:00Z") };
export const APRIL = { periodStart: new Date("2025-04-01T00:00:00Z"), periodEnd: new Date("2025-05-01T00:00:00Z") };
export const MAY = { periodStart: new Date("2025-05-01T00:00:00Z"), periodEnd: new Date("2025-06-01T00:00:00Z") };

/**
 * A plumbing client on a Basic-priced plan ($99.00/month, $45.00 per lead of a category without its
 * own price) since Feb 1, 2025, with a billing contact. `includedLeads` (default 0, so every lead is
 * charged) sets how many leads per period the plan includes.
 */
export async function basicClient(
  name = "Rapid Rooter",
  options: { includedLeads?: number; currency?: string; priceCents?: number } = {},
) {
  const currency = options.currency ?? "USD";
  const tenant = await createTenant(db, {
    name,
    currency,
    billingEmail: `billing-${Math.random().toString(36).slice(2)}@rooter.test`,
  });
  const plan = await testPlan({ includedLeads: options.includedLeads ?? 0, currency, priceCents: options.priceCents });
  const subscription = await createSubscription(db, {
    tenantId: tenant.id,
    planId: plan.id,
    startedAt: new Date("2025-02-01T00:00:00Z"),
  });
  return { tenant, subscription, plan };
}

/** A monthly plan priced like Basic ($99.00, $45.00 per lead) with its own code. */
export async function testPlan(input: { includedLeads: number; currency?: string; priceCents?: number }) {
  const [plan] = await db
    .insert(plans)
    .values({
      code: `basic-${Math.random().toString(36).slice(2, 10)}`,
      name: "Basic",
      priceCents: input.priceCents ?? 9_900,
      currency: input.currency ?? "USD",
      includedLeads: input.includedLeads,
      pricePerLeadCents: 4_500,
    })
    .returning();
  if (!plan) throw new Error("plan insert returned no row");
  return plan;
}

/** A plumbing lead priced from its category (drain_cleaning $35, water_heater $65, leak_repair $40, repiping $95). */
export function leadFor(
  tenant: Tenant,
  category: string,
  receivedAt: Date,
  extra: Partial<Parameters<typeof createLead>[1]> = {},
) {
  return createLead(db, { tenantId: tenant.id, category, receivedAt, ...extra });
}

export async function withCoupon(
  subscriptionId: string,
  coupon: {
    percentOff?: number;
    amountOffCents?: number;
    duration: (typeof COUPON_DURATIONS)[number];
    durationInMonths?: number;
    currency?: string;
  },
  appliedAt: Date,
) {
  const [row] = await db
    .insert(coupons)
    .values({
      code: `C${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
      name: "Test coupon",
      percentOff: coupon.percentOff ?? null,
      amountOffCents: coupon.amountOffCents ?? null,
      duration: coupon.duration,
      durationInMonths: coupon.durationInMonths ?? null,
      currency: coupon.currency ?? "USD",
    })
    .returning();
  if (!row) throw new Error("coupon insert returned no row");
  await db
    .update(subscriptions)
    .set({ couponId: row.id, couponAppliedAt: appliedAt })
    .where(eq(subscriptions.id, subscriptionId));
  return row;
}

export async function memberOf(tenant: Tenant): Promise<MemberActor> {
  const member = await createMember(db, { tenantId: tenant.id, role: "owner" });
  return {
    kind: "member",
    userId: member.user.id,
    email: member.user.email,
    name: member.user.name,
    role: member.membership.role,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "test-session",
  };
}
