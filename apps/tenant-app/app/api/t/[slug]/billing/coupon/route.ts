import { applyCouponCode } from "@pp/core/billing/apply-coupon-code";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZApplyCouponBody, ZCouponParams } from "./schema";

// POST /api/t/[slug]/billing/coupon – the owner applies a coupon code to the plan; the next invoice carries the discount.
export const POST = compose(
  { route: "/api/t/[slug]/billing/coupon" },
  withTenantAuth({ role: "owner" }),
  withIdempotency(),
  withInput({ params: ZCouponParams, body: ZApplyCouponBody }),
)(async (ctx) =>
  json(await applyCouponCode({ ...ctx.body, tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
