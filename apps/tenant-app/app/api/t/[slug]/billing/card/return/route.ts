import { completeCardSetup } from "@pp/core/payments/complete-card-setup";
import { env } from "@pp/env";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, withInput, withTenantAuth } from "@/lib/kit";
import { ZCardParams, ZCardReturnQuery } from "../schema";

// GET /api/t/[slug]/billing/card/return – Stripe Checkout's success URL: asks Stripe for the session, keeps the card, back to Billing.
export const GET = compose(
  { route: "/api/t/[slug]/billing/card/return" },
  withTenantAuth({ role: "owner" }),
  withInput({ params: ZCardParams, query: ZCardReturnQuery }),
)(async (ctx) => {
  const result = await completeCardSetup({
    tenantId: ctx.tenantId,
    sessionId: ctx.query.session_id,
    actor: ctx.actor,
    context: auditContextOf(ctx),
  });
  const billing = new URL(`/t/${encodeURIComponent(ctx.tenantSlug)}/billing`, env().tenantAppUrl);
  billing.searchParams.set("card", result.saved ? "saved" : "pending");
  return Response.redirect(billing, 303);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
