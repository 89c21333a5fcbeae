import type { Executor } from "@pp/db";
import { coupons, plans } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { couponStateOf } from "./list-coupons";
import { type Coupon, type Plan, redemptionsByCoupon } from "./pricing-rules";

/**
 * The plan a new subscription may be put on: it exists and is not archived. Every code path that
 * starts or changes a subscription goes through this (archived plans stay only for their subscribers).
 */
export async function requireAvailablePlan(tx: Executor, planId: string): Promise<Plan> {
  const [plan] = isUuid(planId) ? await tx.select().from(plans).where(eq(plans.id, planId)) : [];
  if (!plan) throw planError("Plan not found");
  if (plan.archivedAt) {
    throw planError(`Plan ${plan.name} was archived on ${formatUtcDate(plan.archivedAt)} — choose a current plan`);
  }
  return plan;
}

/** The coupon a subscription may take now: not archived, not expired, under its redemption limit. */
export async function requireRedeemableCoupon(tx: Executor, couponId: string, now: Date = new Date()): Promise<Coupon> {
  const [coupon] = isUuid(couponId)
    ? await tx.select().from(coupons).where(eq(coupons.id, couponId)).for("update")
    : [];
  if (!coupon) throw couponError("Coupon not found");
  const redemptions = (await redemptionsByCoupon(tx, [couponId])).get(couponId) ?? 0;
  switch (couponStateOf(coupon, redemptions, now)) {
    case "archived":
      throw couponError(`Coupon ${coupon.code} is archived and can no longer be applied`);
    case "expired":
      throw couponError(`Coupon ${coupon.code} expired on ${formatUtcDate(coupon.expiresAt ?? now)}`);
    case "used_up":
      throw couponError(`Coupon ${coupon.code} has reached its limit of ${coupon.maxRedemptions} redemptions`);
    case "redeemable":
      return coupon;
  }
}

function planError(message: string): AppError {
  return new AppError("validation_failed", `planId: ${message}`, { details: [{ path: "planId", message }] });
}

function couponError(message: string): AppError {
  return new AppError("validation_failed", `couponId: ${message}`, { details: [{ path: "couponId", message }] });
}
