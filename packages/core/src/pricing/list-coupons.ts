import { db, type Executor } from "@pp/db";
import { coupons } from "@pp/db/schema";
import { asc, desc, isNotNull, isNull } from "drizzle-orm";
import type { Page } from "../pagination";
import { type TPricingFilters, ZPricingFilters } from "./list-plans";
import { type Coupon, redemptionsByCoupon } from "./pricing-rules";

export type CouponState = "redeemable" | "expired" | "used_up" | "archived";

export type CouponView = Coupon & {
  /** Subscriptions that carry the coupon (any status). */
  redemptions: number;
  state: CouponState;
};

export function couponStateOf(coupon: Coupon, redemptions: number, now: Date): CouponState {
  if (coupon.archivedAt) return "archived";
  if (coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) return "expired";
  const used = Math.max(redemptions, coupon.timesRedeemed);
  if (coupon.maxRedemptions !== null && used >= coupon.maxRedemptions) return "used_up";
  return "redeemable";
}

export function toCouponView(coupon: Coupon, redemptions: number, now: Date): CouponView {
  return { ...coupon, redemptions, state: couponStateOf(coupon, redemptions, now) };
}

/** Every coupon (current newest first, then archived), with its redemptions and whether it can still be used. */
export async function listCoupons(
  options: TPricingFilters & { now?: Date } = {},
  executor: Executor = db,
): Promise<Page<CouponView>> {
  const { status } = ZPricingFilters.parse({ status: options.status });
  const now = options.now ?? new Date();
  const rows = await executor
    .select()
    .from(coupons)
    .where(
      status === "current"
        ? isNull(coupons.archivedAt)
        : status === "archived"
          ? isNotNull(coupons.archivedAt)
          : undefined,
    )
    .orderBy(asc(isNotNull(coupons.archivedAt)), desc(coupons.createdAt), asc(coupons.code));
  const counts = await redemptionsByCoupon(
    executor,
    rows.map((coupon) => coupon.id),
  );
  return { data: rows.map((coupon) => toCouponView(coupon, counts.get(coupon.id) ?? 0, now)), nextCursor: null };
}
