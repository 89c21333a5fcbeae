import { getTenantUsage } from "@pp/core/usage/get-tenant-usage";
import { compose, json, withApiKey, withInput } from "@/lib/kit";
import { ZUsageQuery } from "./schema";

// GET /api/v1/usage – the key's own tenant's API requests by UTC day × route × method (rollups + the live hour).
export const GET = compose(
  { route: "/api/v1/usage" },
  withApiKey("usage:read"),
  withInput({ query: ZUsageQuery }),
)(async (ctx) => json(await getTenantUsage({ ...ctx.query, tenantId: ctx.tenantId })));
