import { ZPageQuery } from "@pp/core/pagination";
import { DEFAULT_DIRECTION, TENANT_SORTS } from "@pp/core/tenants/list-tenants";
import { ONBOARDING_STATUSES, TENANT_STATUSES, TRADES } from "@pp/db/schema";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** `GET /api/provider/tenants` and the Clients page: filters, sort and cursor, all from the URL. */
export const ZListTenantsQuery = ZPageQuery.extend({
  search: optionalParam(z.string().trim().max(100)),
  status: optionalParam(z.enum(TENANT_STATUSES)),
  trade: optionalParam(z.enum(TRADES)),
  planId: optionalParam(z.uuid()),
  region: optionalParam(z.string().trim().max(100)),
  onboardingStatus: optionalParam(z.enum(ONBOARDING_STATUSES)),
  /** Created on or after this day (UTC), e.g. the dashboard's "New this month". */
  createdFrom: optionalParam(z.iso.date("use YYYY-MM-DD")),
  sort: optionalParam(z.enum(TENANT_SORTS)).transform((sort) => sort ?? "created"),
  direction: optionalParam(z.enum(["asc", "desc"])),
}).transform((query) => ({ ...query, direction: query.direction ?? DEFAULT_DIRECTION[query.sort] }));
export type TListTenantsQuery = z.output<typeof ZListTenantsQuery>;
