import { zIntParam, zIsoDateTime } from "@pp/core/input/zod-pieces";
import { ZIntakeLead, ZLeadContact, ZServiceAddress } from "@pp/core/leads/intake-lead";
import { MAX_PAGE_SIZE, ZPage } from "@pp/core/pagination";
import { LEAD_BILLING_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from "@pp/db/schema";
import { z } from "zod";

export { ZIntakeLead as ZCreateLeadBody };

/** `GET /api/v1/leads` query: filters and the cursor page. */
export const ZListLeadsQuery = z.object({
  status: z.enum(LEAD_STATUSES).optional().meta({ description: "Only leads in this status" }),
  category: z.string().trim().min(1).max(64).optional().meta({ description: "Only leads of this category code" }),
  since: zIsoDateTime("must be an ISO 8601 date-time like 2026-01-31T00:00:00Z")
    .optional()
    .meta({ description: "Only leads received at or after this instant" }),
  limit: zIntParam({ min: 1, max: MAX_PAGE_SIZE })
    .default(25)
    .meta({ description: `Page size, 1–${MAX_PAGE_SIZE}` }),
  cursor: z.string().min(1).max(2048).optional().meta({ description: "`nextCursor` of the previous page" }),
});

/** A lead as every v1 lead endpoint returns it. */
export const ZApiLead = z.object({
  id: z.uuid(),
  receivedAt: z.iso.datetime(),
  source: z.enum(LEAD_SOURCES),
  status: z.enum(LEAD_STATUSES),
  category: z.string(),
  categoryName: z.string().nullable(),
  contact: ZLeadContact,
  serviceAddress: ZServiceAddress,
  description: z.string().nullable(),
  priceCents: z.int().meta({ description: "What the lead costs, in cents (from the tenant's lead category)" }),
  billingStatus: z.enum(LEAD_BILLING_STATUSES),
  externalId: z.string().nullable(),
  updatedAt: z.iso.datetime(),
});

export const ZLeadPage = ZPage(ZApiLead);
