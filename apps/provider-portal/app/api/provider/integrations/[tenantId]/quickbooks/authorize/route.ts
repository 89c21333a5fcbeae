import { startQuickbooksAuthorization } from "@pp/core/onboarding/quickbooks-oauth";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZQuickbooksAuthorizeParams } from "./schema";

// POST /api/provider/integrations/[tenantId]/quickbooks/authorize – start "Connect QuickBooks": Intuit's authorize URL with a 10-minute state.
export const POST = compose(
  { route: "/api/provider/integrations/[tenantId]/quickbooks/authorize" },
  withProviderAuth("onboarding:write"),
  withInput({ params: ZQuickbooksAuthorizeParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await startQuickbooksAuthorization({ tenantId: params.tenantId, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
