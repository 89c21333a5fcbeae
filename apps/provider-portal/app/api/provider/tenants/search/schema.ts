import { zIntParam } from "@pp/core/input/zod-pieces";
import { MAX_SEARCH_LIMIT } from "@pp/core/tenants/search-tenants";
import { z } from "zod";
import { optionalParam } from "@/lib/query-params";

/** `GET /api/provider/tenants/search`: what a client picker typed, a keyset cursor, and whether churned tenants count. */
export const ZTenantSearchQuery = z.object({
  q: z.string().trim().max(100, "must be at most 100 characters").default(""),
  cursor: optionalParam(z.string().min(1).max(2048)),
  limit: optionalParam(zIntParam({ min: 1, max: MAX_SEARCH_LIMIT })).transform((limit) => limit ?? 10),
  /** `active=true` leaves churned tenants out (forms that create something for a live tenant). */
  active: optionalParam(z.enum(["true", "false"], "must be true or false")).transform((value) => value === "true"),
});
export type TTenantSearchQuery = z.output<typeof ZTenantSearchQuery>;
