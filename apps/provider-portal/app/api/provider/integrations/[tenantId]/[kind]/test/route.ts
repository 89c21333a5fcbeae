import { testIntegration } from "@pp/core/onboarding/test-integration";
import { auditContextOf } from "@pp/http/audit-context";
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
