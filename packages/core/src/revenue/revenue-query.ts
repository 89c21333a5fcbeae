import { z } from "zod";
import { AppError } from "../errors";
import { addMonthsTo, monthOf, monthStart, monthsBetween } from "./ledger-math";
import { parseSegment, type RevenueSource, type Segment } from "./load-revenue-tenants";
import type { TenantMrrReads } from "./load-tenant-mrr";

export const MAX_RANGE_MONTHS = 60;
export const DEFAULT_RANGE_MONTHS = 12;

const ZMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month like 2025-06")
  .refine((value) => value >= "2000-01" && value <= "2100-12", "must be between 2000-01 and 2100-12");

/** `?from=2025-01&to=2025-06&segment=plan:pro` on every revenue route. */
export const ZRevenueQuery = z.object({
  from: ZMonth.optional(),
  to: ZMonth.optional(),
  segment: z.string().max(120).optional(),
});
export type TRevenueQuery = z.input<typeof ZRevenueQuery>;

/**
 * What each revenue view takes: the query, the instant it is computed at, where it reads from, and
 * (when one page shows several views computed at one `now`) the per-tenant MRR reads they share.
 */
export type RevenueViewOptions = TRevenueQuery & { now?: Date; source?: RevenueSource; reads?: TenantMrrReads };

export type RevenueRange = {
  from: string;
  to: string;
  months: string[];
  /** Ledger rows effective before this instant count: the end of `to`, or now if sooner. */
  before: Date;
  segment: Segment | null;
};

/** Resolves the range: `to` defaults to this month, `from` to 11 months before `to`. */
export function resolveRange(query: TRevenueQuery, now: Date): RevenueRange {
  const to = query.to ?? monthOf(now);
  const from = query.from ?? addMonthsTo(to, -(DEFAULT_RANGE_MONTHS - 1));
  if (from > to) throw rangeError("from", "must be on or before `to`");
  const months = monthsBetween(from, to);
  if (months.length > MAX_RANGE_MONTHS)
    throw rangeError("from", `the range can span at most ${MAX_RANGE_MONTHS} months`);
  const end = monthStart(addMonthsTo(to, 1));
  const before = end.getTime() < now.getTime() ? end : new Date(now.getTime() + 1);
  return { from, to, months, before, segment: parseSegment(query.segment) };
}

function rangeError(path: string, message: string): AppError {
  return new AppError("validation_failed", `Invalid query parameter "${path}": ${message}`, {
    details: [{ path, message }],
  });
}
