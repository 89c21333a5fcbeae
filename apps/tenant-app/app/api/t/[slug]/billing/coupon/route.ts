import { applyCouponCode } from "@pp/core/billing/apply-coupon-code";
import { auditContextOf } from "@pp/http/audit-context";
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
