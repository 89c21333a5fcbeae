import { db, type Executor } from "@pp/db";
import { coupons } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { type CouponView, toCouponView } from "./list-coupons";
import { lockCoupon, redemptionsByCoupon } from "./pricing-rules";

export type ArchiveCouponOptions = { couponId: string; actor: StaffActor; now?: Date; context?: AuditContext };

/**
 * Archives a coupon: it can no longer be put on a subscription. Subscriptions that already carry it
 * keep their discount for its duration (invoices apply it as before); it stays listed as archived.
 */
export async function archiveCoupon(options: ArchiveCouponOptions, executor: Executor = db): Promise<CouponView> {
  const { couponId, actor, context } = options;
  const now = options.now ?? new Date();
  if (!isUuid(couponId)) throw new AppError("not_found", "Coupon not found");
  return executor.transaction(async (tx) => {
    const before = await lockCoupon(tx, couponId);
    if (!before) throw new AppError("not_found", "Coupon not found");
    if (before.archivedAt) {
      throw new AppError(
        "conflict",
        `Coupon ${before.code} was already archived on ${formatUtcDate(before.archivedAt)}`,
      );
    }
    const [after] = await tx
      .update(coupons)
      .set({ archivedAt: now, updatedAt: now })
      .where(eq(coupons.id, couponId))
      .returning();
    if (!after) throw new AppError("not_found", "Coupon not found");
    const redemptions = (await redemptionsByCoupon(tx, [couponId])).get(couponId) ?? 0;
    await recordAuditEvent(
      {
        actor,
        action: "pricing.coupon_archived",
        target: { type: "coupon", id: couponId },
        before: { archivedAt: null },
        after: { archivedAt: now },
        metadata: { code: after.code, redemptions },
        context,
      },
      tx,
    );
    return toCouponView(after, redemptions, now);
  });
}
