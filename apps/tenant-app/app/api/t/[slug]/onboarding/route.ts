import { getOnboarding } from "@pp/core/onboarding/get-onboarding";
import { saveOnboarding } from "@pp/core/onboarding/save-onboarding";
import { startOnboarding } from "@pp/core/onboarding/start-onboarding";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withTenantAuth } from "@/lib/kit";
import { ZSaveOnboarding, ZStartOwnOnboarding } from "./schema";

const route = "/api/t/[slug]/onboarding";

// GET /api/t/[slug]/onboarding – the tenant's onboarding checklist (every member may read it).
export const GET = compose(
  { route },
  withTenantAuth(),
)(async (ctx) => json(await getOnboarding({ tenantId: ctx.tenantId })));

// PUT /api/t/[slug]/onboarding – owners save or complete their own steps; 409 on a stale version or to confirm changes.
export const PUT = compose(
  { route },
  withTenantAuth({ role: "owner" }),
  withInput({ body: ZSaveOnboarding }),
)(async (ctx) =>
  json(await saveOnboarding({ ...ctx.body, tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// POST /api/t/[slug]/onboarding – an owner starts their own onboarding from their trade's template; 409 if started.
export const POST = compose(
  { route },
  withTenantAuth({ role: "owner" }),
  withIdempotency(),
  withInput({ body: ZStartOwnOnboarding }),
)(async (ctx) =>
  created(await startOnboarding({ tenantId: ctx.tenantId, actor: ctx.actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, PUT, POST });
