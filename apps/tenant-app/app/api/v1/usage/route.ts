import { getTenantUsage } from "@pp/core/usage/get-tenant-usage";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withApiKey, withInput } from "@/lib/kit";
import { ZUsageQuery } from "./schema";

// GET /api/v1/usage – the key's own tenant's API requests by UTC day × route × method (rollups + the live hour).
export const GET = compose(
  { route: "/api/v1/usage" },
  withApiKey("usage:read"),
  withInput({ query: ZUsageQuery }),
)(async (ctx) => json(await getTenantUsage({ ...ctx.query, tenantId: ctx.tenantId })));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
