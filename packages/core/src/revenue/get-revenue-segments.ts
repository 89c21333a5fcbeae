import { db, type Executor } from "@pp/db";
import { addMonthsTo, ledgerMonths, monthStart, retention } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { loadRevenueTenants, type RevenueTenant, SEGMENT_KINDS, type SegmentKind } from "./load-revenue-tenants";
import { loadTenantMrr, type TenantMrrReads } from "./load-tenant-mrr";
import { type RevenueRange, type RevenueViewOptions, resolveRange } from "./revenue-query";

export type SegmentRow = {
  kind: SegmentKind;
  value: string;
  mrrCents: number;
  payingTenants: number;
  arpuCents: number | null;
  logoChurnRate: number | null;
  nrr: number | null;
};

type PeriodMrr = { tenants: Map<string, RevenueTenant>; start: Map<string, number>; end: Map<string, number> };

/**
 * MRR, paying clients, ARPU, logo churn and NRR (over the period) per plan, trade, region and lead
 * source. Each client's MRR at the period's start and end comes from the nightly per-tenant
 * snapshots where those instants close a snapshotted day, else from the ledger (`source` "ledger":
 * always); its main lead source from the nightly counts (loadRevenueTenants). Both give the same rows.
 */
export async function getRevenueSegments(
  options: RevenueViewOptions,
  executor: Executor = db,
): Promise<{ segments: SegmentRow[] }> {
  const now = options.now ?? new Date();
  const range = resolveRange(options, now);
  const period =
    options.source === "ledger"
      ? await periodFromLedger(range, executor)
      : await periodFromSnapshots(range, { now, reads: options.reads }, executor);
  return { segments: segmentRows(period) };
}

async function periodFromSnapshots(
  range: RevenueRange,
  at: { now: Date; reads?: TenantMrrReads },
  executor: Executor,
): Promise<PeriodMrr> {
  const earlier = (instant: Date) => new Date(Math.min(instant.getTime(), range.before.getTime()));
  const start = earlier(monthStart(range.from));
  const end = earlier(monthStart(addMonthsTo(range.to, 1)));
  const [tenants, mrr] = await Promise.all([
    loadRevenueTenants({ segment: range.segment, withSources: true }, executor),
    loadTenantMrr({ instants: [start, end], ...at }, executor),
  ]);
  return { tenants, start: mrr.get(start.getTime()) ?? new Map(), end: mrr.get(end.getTime()) ?? new Map() };
}

async function periodFromLedger(range: RevenueRange, executor: Executor): Promise<PeriodMrr> {
  const ledger = await loadLedger(
    { before: range.before, segment: range.segment, withSources: true, source: "ledger" },
    executor,
  );
  const months = ledgerMonths(ledger.events, [range.from, ...(range.to === range.from ? [] : [range.to])]);
  return {
    tenants: ledger.tenants,
    start: months[0]?.tenantStart ?? new Map(),
    end: months.at(-1)?.tenantEnd ?? new Map(),
  };
}

function segmentRows({ tenants, start, end }: PeriodMrr): SegmentRow[] {
  const rows: SegmentRow[] = [];
  for (const kind of SEGMENT_KINDS) {
    // Each group's clients' MRR at the period's start and end, in one pass over the clients.
    const groups = new Map<string, { start: Map<string, number>; end: Map<string, number> }>();
    for (const tenant of tenants.values()) {
      let group = groups.get(tenant[kind]);
      if (!group) {
        group = { start: new Map(), end: new Map() };
        groups.set(tenant[kind], group);
      }
      const atStart = start.get(tenant.id);
      const atEnd = end.get(tenant.id);
      if (atStart !== undefined) group.start.set(tenant.id, atStart);
      if (atEnd !== undefined) group.end.set(tenant.id, atEnd);
    }
    for (const [value, group] of groups) {
      let mrr = 0;
      for (const cents of group.end.values()) mrr += cents;
      const kept = retention(group.start, group.end);
      if (mrr === 0 && kept.startingTenants === 0) continue;
      const paying = group.end.size;
      rows.push({
        kind,
        value,
        mrrCents: mrr,
        payingTenants: paying,
        arpuCents: paying > 0 ? Math.round(mrr / paying) : null,
        logoChurnRate: kept.logoChurnRate,
        nrr: kept.nrr,
      });
    }
  }
  return rows.sort((a, b) =>
    a.kind === b.kind
      ? b.mrrCents - a.mrrCents || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)
      : SEGMENT_KINDS.indexOf(a.kind) - SEGMENT_KINDS.indexOf(b.kind),
  );
}
