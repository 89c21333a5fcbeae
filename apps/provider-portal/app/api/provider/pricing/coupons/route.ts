import { createCoupon } from "@pp/core/pricing/create-coupon";
import { listCoupons } from "@pp/core/pricing/list-coupons";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZPricingQuery } from "../schema";
import { ZCreateCouponBody } from "./schema";

// GET /api/provider/pricing/coupons – every coupon, current then archived, with redemptions and whether it can be used.
export const GET = compose(
  { route: "/api/provider/pricing/coupons" },
  withProviderAuth("pricing:read"),
  withInput({ query: ZPricingQuery }),
)(async ({ query }) => json(await listCoupons(query)));

// POST /api/provider/pricing/coupons – create a coupon (percent or amount, duration, limits); 409 names a taken code.
export const POST = compose(
  { route: "/api/provider/pricing/coupons" },
  withProviderAuth("pricing:write"),
  withIdempotency(),
  withInput({ body: ZCreateCouponBody }),
)(async ({ body, actor, ...ctx }) => created(await createCoupon({ ...body, actor, context: auditContextOf(ctx) })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
