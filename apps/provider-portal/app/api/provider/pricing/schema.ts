import { ZPricingFilters } from "@pp/core/pricing/list-plans";
import { z } from "zod";

/** `GET /api/provider/pricing/plans|coupons` and the /provider/pricing page: current, archived or both. */
export const ZPricingQuery = ZPricingFilters;

/** Any string: a malformed id is a 404 like an unknown one (the domain function decides). */
export const ZPricingParams = z.object({ id: z.string().min(1).max(100) });
