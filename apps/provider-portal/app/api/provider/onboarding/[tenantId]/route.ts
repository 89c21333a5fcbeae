import { getOnboarding } from "@pp/core/onboarding/get-onboarding";
import { saveOnboarding } from "@pp/core/onboarding/save-onboarding";
import { startOnboarding } from "@pp/core/onboarding/start-onboarding";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZOnboardingParams, ZSaveOnboarding, ZStartOnboarding } from "./schema";

const route = "/api/provider/onboarding/[tenantId]";

// GET /api/provider/onboarding/[tenantId] – the tenant's checklist: every step's state, version, readiness, time-to-live.
export const GET = compose(
  { route },
  withProviderAuth("onboarding:read"),
  withInput({ params: ZOnboardingParams }),
)(async ({ params }) => json(await getOnboarding({ tenantId: params.tenantId })));

// PUT /api/provider/onboarding/[tenantId] – save drafts / complete steps / complete onboarding; 409 on a stale version.
export const PUT = compose(
  { route },
  withProviderAuth("onboarding:write"),
  withInput({ params: ZOnboardingParams, body: ZSaveOnboarding }),
)(async (ctx) =>
  json(
    await saveOnboarding({
      ...ctx.body,
      tenantId: ctx.params.tenantId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// POST /api/provider/onboarding/[tenantId] – start onboarding from a trade template (the tenant's trade by default).
export const POST = compose(
  { route },
  withProviderAuth("onboarding:write"),
  withIdempotency(),
  withInput({ params: ZOnboardingParams, body: ZStartOnboarding }),
)(async (ctx) =>
  created(
    await startOnboarding({
      ...ctx.body,
      tenantId: ctx.params.tenantId,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, PUT, POST });
