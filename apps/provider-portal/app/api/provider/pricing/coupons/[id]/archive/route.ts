import { archiveCoupon } from "@pp/core/pricing/archive-coupon";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZPricingParams } from "../../../schema";

// POST /api/provider/pricing/coupons/[id]/archive – stop a coupon being applied; subscriptions keep their discount.
export const POST = compose(
  { route: "/api/provider/pricing/coupons/[id]/archive" },
  withProviderAuth("pricing:write"),
  withIdempotency(),
  withInput({ params: ZPricingParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await archiveCoupon({ couponId: params.id, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
