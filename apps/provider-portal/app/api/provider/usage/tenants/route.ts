import { listTenantUsage } from "@pp/core/usage/list-tenant-usage";
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
