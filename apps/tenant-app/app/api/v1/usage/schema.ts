import { z } from "zod";

export { ZTenantUsageQuery as ZUsageQuery } from "@pp/core/usage/get-tenant-usage";

export const ZUsageRow = z.object({
  day: z.iso.date(),
  route: z.string().meta({ description: "The route template, e.g. /api/v1/leads/[id]" }),
  method: z.string(),
  requests: z.int(),
  errors: z.int().meta({ description: "4xx and 5xx responses other than 429" }),
  rateLimited: z.int().meta({ description: "429 responses" }),
  bytes: z.int(),
  avgDurationMs: z.number(),
});

export const ZUsage = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  totals: z.object({ requests: z.int(), errors: z.int(), rateLimited: z.int(), bytes: z.int() }),
  days: z.array(ZUsageRow),
});
