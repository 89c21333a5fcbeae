export { ZCreateCoupon as ZCreateCouponBody } from "@pp/core/pricing/create-coupon";
