import { ZPageQuery } from "@pp/core/pagination";
import { ZApiUsageFilters } from "@pp/core/usage/api-usage-filters";
import { TENANT_USAGE_SORTS } from "@pp/core/usage/list-tenant-usage";
import { z } from "zod";

/** `/api/provider/usage/*` and `/provider/api-usage`: range (24h, 7d, 30d, 90d, custom from/to), tenant, route, method, status class. */
export const ZApiUsageQuery = ZApiUsageFilters;
export type TApiUsageQuery = z.output<typeof ZApiUsageQuery>;

/** `GET /api/provider/usage/tenants`: the filters, a sort and a page. */
export const ZTenantUsageQuery = ZPageQuery.extend(ZApiUsageFilters.shape).extend({
  sort: z.enum(TENANT_USAGE_SORTS, "must be requests, errorRate, rateLimited or peak").default("requests"),
  direction: z.enum(["asc", "desc"], "must be asc or desc").default("desc"),
});
export type TTenantUsageQuery = z.output<typeof ZTenantUsageQuery>;
