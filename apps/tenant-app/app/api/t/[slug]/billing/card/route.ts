import { startCardSetup } from "@pp/core/payments/start-card-setup";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZCardParams, ZStartCardSetupBody } from "./schema";

// POST /api/t/[slug]/billing/card – the owner adds or replaces the card: a Stripe Checkout (setup mode) URL to go to.
export const POST = compose(
  { route: "/api/t/[slug]/billing/card" },
  withTenantAuth({ role: "owner" }),
  withIdempotency(),
  withInput({ params: ZCardParams, body: ZStartCardSetupBody }),
)(async (ctx) =>
  json(await startCardSetup({ tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
