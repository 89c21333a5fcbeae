import { updateCoupon } from "@pp/core/pricing/update-coupon";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZPricingParams } from "../../schema";
import { ZUpdateCouponBody } from "./schema";

// PATCH /api/provider/pricing/coupons/[id] – rename a coupon or change its redemption limit or expiry.
export const PATCH = compose(
  { route: "/api/provider/pricing/coupons/[id]" },
  withProviderAuth("pricing:write"),
  withInput({ params: ZPricingParams, body: ZUpdateCouponBody }),
)(async ({ params, body, actor, ...ctx }) =>
  json(await updateCoupon({ ...body, couponId: params.id, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, POST, PUT, DELETE, OPTIONS } = methodNotAllowed({ PATCH });
