export { ZUpdateCoupon as ZUpdateCouponBody } from "@pp/core/pricing/update-coupon";
