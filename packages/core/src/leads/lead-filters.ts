import { DISPUTE_STATUSES, LEAD_BILLING_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from "@pp/db/schema";
import { z } from "zod";
import { zDay, zIntParam } from "../input/zod-pieces";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination";

/** An empty URL parameter (`?status=`) means "no filter", never a 400. */
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const MAX_LEADS_PAGE_SIZE = MAX_PAGE_SIZE;
export const DEFAULT_LEADS_PAGE_SIZE = DEFAULT_PAGE_SIZE;

/**
 * The lead list's filters as they appear in the URL, shared by the page and `GET /api/t/[slug]/leads`.
 * `from`/`to` are calendar days in the tenant's timezone, both inclusive.
 */
export const ZTenantLeadFilters = z
  .object({
    status: optional(z.enum(LEAD_STATUSES)),
    source: optional(z.enum(LEAD_SOURCES)),
    billingStatus: optional(z.enum(LEAD_BILLING_STATUSES)),
    /** A dispute status, or "none" for leads never disputed. */
    dispute: optional(z.enum([...DISPUTE_STATUSES, "none"])),
    category: optional(z.string().trim().max(64)),
    from: optional(zDay("use YYYY-MM-DD")),
    to: optional(zDay("use YYYY-MM-DD")),
    search: optional(z.string().trim().max(100)),
    cursor: optional(z.string().max(2048)),
    limit: optional(zIntParam({ min: 1, max: MAX_LEADS_PAGE_SIZE })),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    path: ["to"],
    message: "must be on or after the start date",
  });

export type TTenantLeadFilters = z.infer<typeof ZTenantLeadFilters>;
