import { testIntegration } from "@pp/core/onboarding/test-integration";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZIntegrationParams, ZTestIntegration } from "./schema";

// POST /api/provider/integrations/[tenantId]/[kind]/test – prove a saved integration works (send a test email, fetch the calendar).
export const POST = compose(
  { route: "/api/provider/integrations/[tenantId]/[kind]/test" },
  withProviderAuth("onboarding:write"),
  withInput({ params: ZIntegrationParams, body: ZTestIntegration }),
)(async (ctx) =>
  json(
    await testIntegration({
      ...ctx.body,
      tenantId: ctx.params.tenantId,
      kind: ctx.params.kind,
      actor: ctx.actor,
      context: auditContextOf(ctx),
    }),
  ),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
