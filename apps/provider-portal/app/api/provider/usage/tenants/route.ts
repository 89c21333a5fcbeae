import { listTenantUsage } from "@pp/core/usage/list-tenant-usage";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZTenantUsageQuery } from "../schema";

// GET /api/provider/usage/tenants – per tenant: requests, error rate, 429s, peak minute as % of its limit; sorted, paged.
export const GET = compose(
  { route: "/api/provider/usage/tenants" },
  withProviderAuth("usage:read"),
  withInput({ query: ZTenantUsageQuery }),
)(async ({ query }) => {
  const { sort, direction, limit, cursor, ...filters } = query;
  return json(await listTenantUsage({ filters, sort, direction, limit, cursor }));
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
