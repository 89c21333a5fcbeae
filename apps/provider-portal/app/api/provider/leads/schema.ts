import { ZProviderLeadFilters } from "@pp/core/leads/list-provider-leads";
import { z } from "zod";

/** `GET /api/provider/leads` and the /provider/leads page: filters and cursor, all from the URL. */
export const ZListLeadsQuery = ZProviderLeadFilters;

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZLeadParams = z.object({ id: z.string().min(1).max(100) });
