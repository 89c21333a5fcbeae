import { TENANT_HEALTH_SORTS } from "@pp/core/health/list-tenant-health";
import { ZPageQuery } from "@pp/core/pagination";
import { HEALTH_BANDS, TRADES } from "@pp/db/schema";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** /provider/tenant-health's filters and sort, from the URL. */
export const ZTenantHealthQuery = ZPageQuery.extend({
  band: optionalParam(z.enum(HEALTH_BANDS)),
  csmUserId: optionalParam(z.string().min(1).max(100)),
  trade: optionalParam(z.enum(TRADES)),
  planId: optionalParam(z.uuid()),
  sort: optionalParam(z.enum(TENANT_HEALTH_SORTS)),
});
export type TTenantHealthQuery = z.output<typeof ZTenantHealthQuery>;
