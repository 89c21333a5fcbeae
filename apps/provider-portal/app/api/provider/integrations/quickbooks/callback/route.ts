import { completeQuickbooksAuthorization } from "@pp/core/onboarding/quickbooks-oauth";
import { env } from "@pp/env";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, withInput, withProviderAuth } from "@/lib/kit";
import { ZQuickbooksCallback } from "./schema";

// GET /api/provider/integrations/quickbooks/callback – Intuit's redirect: check the state, exchange the code, store the tokens, back to the checklist.
export const GET = compose(
  { route: "/api/provider/integrations/quickbooks/callback" },
  withProviderAuth("onboarding:write"),
  withInput({ query: ZQuickbooksCallback }),
)(async ({ query, actor, ...ctx }) => {
  const result = await completeQuickbooksAuthorization({ ...query, actor, context: auditContextOf(ctx) });
  // Connected or not, the checklist shows the integration's status and, on failure, the reason.
  const back = new URL(`/provider/tenant-onboarding/${result.tenantId}`, env().portalUrl);
  back.searchParams.set("quickbooks", result.ok ? "connected" : "error");
  back.hash = "quickbooks_integration-title";
  return Response.redirect(back, 303);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
