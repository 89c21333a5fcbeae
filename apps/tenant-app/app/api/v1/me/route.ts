import { getTenantSummary } from "@pp/core/api-keys/get-tenant-summary";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withApiKey } from "@/lib/kit";

// GET /api/v1/me – which tenant and key this API key is: any valid key, no scope needed.
export const GET = compose(
  { route: "/api/v1/me" },
  withApiKey(),
)(async ({ tenantId, apiKey }) =>
  json({
    tenant: await getTenantSummary({ tenantId }),
    key: { prefix: apiKey.prefix, scopes: apiKey.scopes },
  }),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
