import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import type { OnboardingListItem, OnboardingOverview } from "./list-onboarding";

export const ONBOARDING_LIST_STATUSES = ["in_progress", "stalled", "not_started", "completed"] as const;

/** `/provider/tenant-onboarding`'s list filters (without a status: every tenant still onboarding). */
export const ZOnboardingListQuery = ZPageQuery.extend({
  status: z.enum(ONBOARDING_LIST_STATUSES).optional(),
  trade: z.enum(["plumbing", "electrical", "hvac"]).optional(),
});
export type TOnboardingListQuery = z.output<typeof ZOnboardingListQuery>;

const ZPosition = z.object({ at: z.iso.datetime(), id: z.uuid() });

/**
 * One page of the overview's tenants that match the filters, by sign-up (oldest first, then id):
 * the totals, funnel and time-to-live above the table still count every tenant.
 */
export function pageOnboardingTenants(
  overview: Pick<OnboardingOverview, "tenants">,
  query: TOnboardingListQuery,
): Page<OnboardingListItem> {
  const after = query.cursor ? decodeCursor(query.cursor, ZPosition) : null;
  const matching = overview.tenants.filter(
    (row) =>
      (query.status === "stalled"
        ? row.stalled
        : query.status
          ? row.status === query.status
          : row.status !== "completed") &&
      (!query.trade || row.trade === query.trade) &&
      (!after || isAfter(row, after)),
  );
  return page(matching.slice(0, query.limit + 1), query.limit, (row) => ({
    at: row.signedUpAt.toISOString(),
    id: row.tenantId,
  }));
}

function isAfter(row: OnboardingListItem, position: { at: string; id: string }): boolean {
  const at = row.signedUpAt.toISOString();
  return at > position.at || (at === position.at && row.tenantId > position.id);
}
