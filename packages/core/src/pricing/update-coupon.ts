import { db, type Executor } from "@pp/db";
import { coupons } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { type CouponView, toCouponView } from "./list-coupons";
import { lockCoupon, redemptionsByCoupon, requireFutureExpiry, ZCouponChanges } from "./pricing-rules";

export const ZUpdateCoupon = ZCouponChanges;
export type TUpdateCoupon = z.input<typeof ZUpdateCoupon>;

export type UpdateCouponOptions = TUpdateCoupon & {
  couponId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Renames a coupon or changes its limits (redemption limit, expiry). The discount itself is fixed
 * once created — subscriptions already carry it — so new terms mean a new coupon.
 */
export async function updateCoupon(options: UpdateCouponOptions, executor: Executor = db): Promise<CouponView> {
  const { couponId, actor, context } = options;
  const { couponId: _id, actor: _actor, now: _now, context: _context, ...fields } = options;
  const changes = parseInput(ZUpdateCoupon, fields);
  const now = options.now ?? new Date();
  if (!isUuid(couponId)) throw new AppError("not_found", "Coupon not found");
  requireFutureExpiry(changes.expiresAt, now);
  return executor.transaction(async (tx) => {
    const before = await lockCoupon(tx, couponId);
    if (!before) throw new AppError("not_found", "Coupon not found");
    if (before.archivedAt) {
      throw new AppError(
        "conflict",
        `Coupon ${before.code} was archived on ${formatUtcDate(before.archivedAt)} and cannot be edited`,
      );
    }
    const redemptions = (await redemptionsByCoupon(tx, [couponId])).get(couponId) ?? 0;
    const used = Math.max(redemptions, before.timesRedeemed);
    if (changes.maxRedemptions !== undefined && changes.maxRedemptions !== null && changes.maxRedemptions < used) {
      throw new AppError("validation_failed", `maxRedemptions: must be at least ${used}, the redemptions so far`, {
        details: [{ path: "maxRedemptions", message: `must be at least ${used}, the redemptions so far` }],
      });
    }
    const [after] = await tx
      .update(coupons)
      .set({ ...changes, updatedAt: now })
      .where(eq(coupons.id, couponId))
      .returning();
    if (!after) throw new AppError("not_found", "Coupon not found");
    await recordAuditEvent(
      { actor, action: "pricing.coupon_updated", target: { type: "coupon", id: couponId }, before, after, context },
      tx,
    );
    return toCouponView(after, redemptions, now);
  });
}
