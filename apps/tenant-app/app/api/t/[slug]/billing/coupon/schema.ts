import { z } from "zod";

export { ZApplyCouponCode as ZApplyCouponBody } from "@pp/core/billing/apply-coupon-code";

export const ZCouponParams = z.object({ slug: z.string() });
