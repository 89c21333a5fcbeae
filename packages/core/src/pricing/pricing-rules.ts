import type { Executor } from "@pp/db";
import { COUPON_DURATIONS, coupons, PLAN_INTERVALS, plans, subscriptions } from "@pp/db/schema";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { validationError } from "../errors";
import { zInstant, zWholeNumber } from "../input/zod-pieces";

/** Subscriptions that still bill (or will): a plan's billing terms cannot change under them. */
export const LIVE_SUBSCRIPTION_STATUSES = ["trialing", "active", "past_due"] as const;

const wholeNumber = (message: string) => zWholeNumber(message);

export const ZPlanCode = z
  .string("must be text")
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, "must be 2–40 lowercase letters, digits, - or _ (like pro-2027)");

export const ZCouponCode = z
  .string("must be text")
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{2,39}$/, "must be 3–40 letters, digits, - or _ (like SPRING25)");

const ZName = z.string("must be text").trim().min(1, "is required").max(80, "must be at most 80 characters");
const ZCurrency = z
  .string("must be text")
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "must be a 3-letter currency code like USD");

/** Plan terms, in cents (no defaults: an edit sends only what changes); every bound the database checks is checked here first with a field name. */
export const ZPlanTerms = z.object({
  name: ZName,
  priceCents: wholeNumber("must be a price in cents").min(0, "must be 0 or more").max(100_000_000, "is too large"),
  currency: ZCurrency,
  interval: z.enum(PLAN_INTERVALS, "must be month or year"),
  includedLeads: wholeNumber("must be a number of leads").min(0, "must be 0 or more").max(1_000_000, "is too large"),
  pricePerLeadCents: wholeNumber("must be a price in cents")
    .min(0, "must be 0 or more")
    .max(10_000_000, "is too large"),
  apiRateLimitPerMinute: wholeNumber("must be a number of requests")
    .min(1, "must be more than 0")
    .max(1_000_000, "is too large"),
  features: z
    .array(
      z.string("must be text").trim().min(1, "cannot be empty").max(60, "must be at most 60 characters"),
      "must be a list of features",
    )
    .max(50, "can list at most 50 features")
    .transform((features) => [...new Set(features)]),
});

const ZExpiry = zInstant("must be a date and time").nullable();
const ZMaxRedemptions = wholeNumber("must be a number of redemptions").min(1, "must be at least 1").nullable();

/** A coupon: percent (1–100) or an amount, never both; `repeating` needs its number of months. */
export const ZCouponTerms = z
  .object({
    name: ZName,
    percentOff: wholeNumber("must be a whole percentage")
      .min(1, "must be between 1 and 100")
      .max(100, "must be between 1 and 100")
      .nullish(),
    amountOffCents: wholeNumber("must be an amount in cents").min(1, "must be more than 0").nullish(),
    currency: ZCurrency.default("USD"),
    duration: z.enum(COUPON_DURATIONS, "must be once, repeating or forever"),
    durationInMonths: wholeNumber("must be a number of months")
      .min(1, "must be at least 1")
      .max(120, "must be at most 120")
      .nullish(),
    maxRedemptions: ZMaxRedemptions.optional(),
    expiresAt: ZExpiry.optional(),
  })
  .superRefine((coupon, issues) => {
    const hasPercent = coupon.percentOff !== null && coupon.percentOff !== undefined;
    const hasAmount = coupon.amountOffCents !== null && coupon.amountOffCents !== undefined;
    if (hasPercent && hasAmount) {
      issues.addIssue({
        code: "custom",
        path: ["amountOffCents"],
        message: "give a percentage or an amount, not both",
      });
    } else if (!hasPercent && !hasAmount) {
      issues.addIssue({ code: "custom", path: ["percentOff"], message: "give a percentage (1–100) or an amount off" });
    }
    const hasMonths = coupon.durationInMonths !== null && coupon.durationInMonths !== undefined;
    if (coupon.duration === "repeating" && !hasMonths) {
      issues.addIssue({ code: "custom", path: ["durationInMonths"], message: "is required for a repeating coupon" });
    } else if (coupon.duration !== "repeating" && hasMonths) {
      issues.addIssue({ code: "custom", path: ["durationInMonths"], message: "applies only to a repeating coupon" });
    }
  });

/** What a coupon may still change once created: its discount is fixed, as on an issued invoice. */
export const ZCouponChanges = z.strictObject(
  { name: ZName.optional(), maxRedemptions: ZMaxRedemptions.optional(), expiresAt: ZExpiry.optional() },
  { error: onlyKeys("only name, maxRedemptions and expiresAt can change — create a new coupon for other terms") },
);

/** A strict object's message for keys it does not accept (other issues keep their own). */
export function onlyKeys(message: string) {
  return (issue: { code?: string }) => (issue.code === "unrecognized_keys" ? message : undefined);
}

export function requireFutureExpiry(expiresAt: Date | null | undefined, now: Date): void {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw validationError([{ path: "expiresAt", message: "must be in the future" }], () => "expiresAt");
  }
}

/** Live subscriptions per plan id (trialing, active, past due). */
export async function liveSubscriptionsByPlan(tx: Executor, planIds: string[]): Promise<Map<string, number>> {
  if (planIds.length === 0) return new Map();
  const rows = await tx
    .select({ planId: subscriptions.planId, n: count() })
    .from(subscriptions)
    .where(and(inArray(subscriptions.planId, planIds), inArray(subscriptions.status, LIVE_SUBSCRIPTION_STATUSES)))
    .groupBy(subscriptions.planId);
  return new Map(rows.map((row) => [row.planId, row.n]));
}

/** Subscriptions (any status) that carry each coupon: the redemptions so far. */
export async function redemptionsByCoupon(tx: Executor, couponIds: string[]): Promise<Map<string, number>> {
  if (couponIds.length === 0) return new Map();
  const rows = await tx
    .select({ couponId: subscriptions.couponId, n: count() })
    .from(subscriptions)
    .where(inArray(subscriptions.couponId, couponIds))
    .groupBy(subscriptions.couponId);
  return new Map(rows.flatMap((row) => (row.couponId ? [[row.couponId, row.n] as const] : [])));
}

export type Plan = typeof plans.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;

export async function lockPlan(tx: Executor, planId: string): Promise<Plan | undefined> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId)).for("update");
  return plan;
}

export async function lockCoupon(tx: Executor, couponId: string): Promise<Coupon | undefined> {
  const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, couponId)).for("update");
  return coupon;
}

/**
 * Counts one more redemption of a coupon being put on a subscription (before that subscription row is
 * written). `times_redeemed` only grows: a coupon later replaced or ended still counts against its limit.
 */
export async function countCouponRedemption(tx: Executor, couponId: string, now: Date): Promise<void> {
  const redemptions = (await redemptionsByCoupon(tx, [couponId])).get(couponId) ?? 0;
  await tx
    .update(coupons)
    .set({ timesRedeemed: sql`greatest(${coupons.timesRedeemed}, ${redemptions}) + 1`, updatedAt: now })
    .where(eq(coupons.id, couponId));
}
