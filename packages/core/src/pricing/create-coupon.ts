import { db, type Executor, isUniqueViolation } from "@pp/db";
import { coupons } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { type CouponView, toCouponView } from "./list-coupons";
import { requireFutureExpiry, ZCouponCode, ZCouponTerms } from "./pricing-rules";

export const ZCreateCoupon = ZCouponTerms.safeExtend({ code: ZCouponCode });
export type TCreateCoupon = z.input<typeof ZCreateCoupon>;

export type CreateCouponOptions = TCreateCoupon & { actor: StaffActor; now?: Date; context?: AuditContext };

export function couponCodeTaken(code: string): AppError {
  return new AppError(
    "conflict",
    `A coupon with the code "${code}" already exists — codes are unique, archived ones too`,
    {
      details: [{ path: "code", message: `"${code}" is already used by another coupon` }],
    },
  );
}

/** Creates a coupon: a percentage or an amount off, once / for N months / forever, with optional limits. */
export async function createCoupon(options: CreateCouponOptions, executor: Executor = db): Promise<CouponView> {
  const { actor, context } = options;
  const input = parseInput(ZCreateCoupon, {
    code: options.code,
    name: options.name,
    percentOff: options.percentOff,
    amountOffCents: options.amountOffCents,
    currency: options.currency,
    duration: options.duration,
    durationInMonths: options.durationInMonths,
    maxRedemptions: options.maxRedemptions,
    expiresAt: options.expiresAt,
  });
  const now = options.now ?? new Date();
  requireFutureExpiry(input.expiresAt, now);
  try {
    return await executor.transaction(async (tx) => {
      const [existing] = await tx.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, input.code));
      if (existing) throw couponCodeTaken(input.code);
      const [coupon] = await tx
        .insert(coupons)
        .values({
          code: input.code,
          name: input.name,
          percentOff: input.percentOff ?? null,
          amountOffCents: input.amountOffCents ?? null,
          currency: input.currency,
          duration: input.duration,
          durationInMonths: input.duration === "repeating" ? (input.durationInMonths ?? null) : null,
          maxRedemptions: input.maxRedemptions ?? null,
          expiresAt: input.expiresAt ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!coupon) throw new Error("coupon insert returned no row");
      await recordAuditEvent(
        { actor, action: "pricing.coupon_created", target: { type: "coupon", id: coupon.id }, after: coupon, context },
        tx,
      );
      return toCouponView(coupon, 0, now);
    });
  } catch (error) {
    if (isUniqueViolation(error, "coupons_code_key")) throw couponCodeTaken(input.code);
    throw error;
  }
}
