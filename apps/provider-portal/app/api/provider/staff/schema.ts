import { ZPageQuery } from "@pp/core/pagination";
import { STAFF_ROLES, STAFF_STATUSES } from "@pp/db/schema";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** `GET /api/provider/staff` and the Staff & roles page: filters and cursor, all from the URL. */
export const ZListStaffQuery = ZPageQuery.extend({
  search: optionalParam(z.string().trim().max(100)),
  status: optionalParam(z.enum(STAFF_STATUSES)),
  role: optionalParam(z.enum(STAFF_ROLES)),
});
export type TListStaffQuery = z.output<typeof ZListStaffQuery>;

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZStaffParams = z.object({ staffId: z.string().min(1).max(100) });
