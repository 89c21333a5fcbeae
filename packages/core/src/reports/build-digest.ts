import { db, type Executor } from "@pp/db";
import { ACTION_BUCKETS, type ActionBucket, BUCKET_LABELS } from "../action-center/buckets";
import { getActionCenter } from "../action-center/get-action-center";
import type { UsageDropSource } from "../action-center/usage-drops";
import { listTenantHealth, type TenantHealthTile } from "../health/list-tenant-health";
import { listOnboardingTenants, type OnboardingListItem } from "../onboarding/list-onboarding-tenants";
import type { Page } from "../pagination";
import { getRevenueSummary, type RevenueKpis } from "../revenue/get-revenue-summary";
import type { Movements } from "../revenue/ledger-math";
import { listRevenueMovements, type RevenueMovement } from "../revenue/list-revenue-movements";
import { listUsageMovers, type UsageMover } from "../usage/list-usage-movers";
import type { DigestSchedule } from "./digest-schedule";

import { digestWindow } from "./digest-schedule";

/** What one digest reports, computed from the same domain functions the portal's pages use. */
export type Digest = {
  cadence: DigestSchedule["cadence"];
  generatedAt: Date;
  /** The local days it covers (the period before the one it is sent in) and their instants. */
  covers: { from: string; to: string };
  window: { from: Date; to: Date };
  revenue: {
    /** The UTC month the KPIs are for: the month the covered period ends in. */
    month: string;
    kpis: RevenueKpis;
    prior: RevenueKpis;
    /** Ledger movements effective in the window, summed by type. */
    windowMovements: Movements;
    movements: RevenueMovement[];
  };
  actionCenter: { bucket: ActionBucket; label: string; count: number }[];
  atRisk: TenantHealthTile[];
  usageMovers: UsageMover[];
  onboardingStalled: OnboardingListItem[];
};

/** Lists longer than this are cut (the digest says so); a digest is a summary, not an export. */
export const DIGEST_MAX_ROWS = 1_000;
const PAGE = 100;
const DAY_MS = 86_400_000;

/** Every page of a cursor-paged list, up to DIGEST_MAX_ROWS rows. */
async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const next = await fetchPage(cursor);
    rows.push(...next.data);
    cursor = next.nextCursor ?? undefined;
  } while (cursor && rows.length < DIGEST_MAX_ROWS);
  return rows.slice(0, DIGEST_MAX_ROWS);
}

function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Builds the digest a subscriber with `schedule` gets at `at` (the send time, or now for the
 * preview): Revenue Intelligence KPIs and the ledger's movements over the covered period, the
 * Action Center's counts, at-risk clients, API usage top movers against the period before, and
 * stalled onboardings.
 */
export async function buildDigest(
  options: {
    schedule: DigestSchedule;
    at: Date;
    now?: Date;
    /** tenantsAtRisk's "usage down" signal: fresh by default; the preview passes the pages' cache. */
    usageDrops?: UsageDropSource;
  },
  executor: Executor = db,
): Promise<Digest> {
  const now = options.now ?? new Date();
  const window = digestWindow(options.schedule, options.at);
  // The data can only be as new as now: a preview of a later send shows the period so far.
  const end = window.to.getTime() < now.getTime() ? window.to : now;
  const month = new Date(end.getTime() - 1).toISOString().slice(0, 7);
  const firstMonth = window.from.toISOString().slice(0, 7);

  const [summary, movements, actionCenter, atRisk, usageMovers, onboardingStalled] = await Promise.all([
    getRevenueSummary({ from: month, to: month, now }, executor),
    allPages((cursor) =>
      listRevenueMovements({ from: firstMonth, to: month, limit: PAGE, cursor, now }, executor),
    ).then((rows) => rows.filter((row) => row.effectiveAt >= window.from && row.effectiveAt < end)),
    getActionCenter({ limit: 1, now, usageDrops: options.usageDrops }, executor),
    allPages((cursor) => listTenantHealth({ band: "at_risk", sort: "score", limit: PAGE, cursor }, executor)),
    findUsageMovers({ from: window.from, to: end, now }, executor),
    // Its query is parsed at the edge (pages of ≤ 100 there): the digest reads its rows in one page.
    listOnboardingTenants({ status: "stalled", limit: DIGEST_MAX_ROWS, now }, executor).then((page) => page.data),
  ]);

  const windowMovements: Movements = { new: 0, expansion: 0, reactivation: 0, contraction: 0, churn: 0 };
  for (const movement of movements) windowMovements[movement.type] += movement.changeCents;

  return {
    cadence: options.schedule.cadence,
    generatedAt: now,
    covers: window.covers,
    window: { from: window.from, to: end },
    revenue: { month, kpis: summary.kpis, prior: summary.prior, windowMovements, movements },
    actionCenter: ACTION_BUCKETS.map((bucket) => ({
      bucket,
      label: BUCKET_LABELS[bucket],
      count: actionCenter.buckets[bucket]?.count ?? 0,
    })),
    atRisk,
    usageMovers,
    onboardingStalled,
  };
}

/** The UTC days the window touches against as many days just before (see listUsageMovers). */
function findUsageMovers(options: { from: Date; to: Date; now: Date }, executor: Executor): Promise<UsageMover[]> {
  const firstDay = Date.parse(`${utcDay(options.from)}T00:00:00Z`);
  const lastDay = Math.max(firstDay, Date.parse(`${utcDay(new Date(options.to.getTime() - 1))}T00:00:00Z`));
  const span = lastDay + DAY_MS - firstDay;
  return listUsageMovers(
    {
      current: { from: new Date(firstDay), to: new Date(firstDay + span) },
      prior: { from: new Date(firstDay - span), to: new Date(firstDay) },
      now: options.now,
      limit: DIGEST_MAX_ROWS,
    },
    executor,
  );
}
