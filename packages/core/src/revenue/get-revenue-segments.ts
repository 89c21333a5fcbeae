import { db, type Executor } from "@pp/db";
import { ledgerMonths, retention } from "./ledger-math";
import { loadLedger, SEGMENT_KINDS, type SegmentKind } from "./load-ledger";
import { resolveRange, type TRevenueQuery } from "./revenue-query";

export type SegmentRow = {
  kind: SegmentKind;
  value: string;
  mrrCents: number;
  payingTenants: number;
  arpuCents: number | null;
  logoChurnRate: number | null;
  nrr: number | null;
};

/** MRR, paying clients, ARPU, logo churn and NRR (over the period) per plan, trade, region and lead source. */
export async function getRevenueSegments(
  options: TRevenueQuery & { now?: Date },
  executor: Executor = db,
): Promise<{ segments: SegmentRow[] }> {
  const range = resolveRange(options, options.now ?? new Date());
  const ledger = await loadLedger({ before: range.before, segment: range.segment, withSources: true }, executor);
  const [first, last] = (() => {
    const months = ledgerMonths(ledger.events, [range.from, ...(range.to === range.from ? [] : [range.to])]);
    return [months[0], months.at(-1)];
  })();
  const rows: SegmentRow[] = [];
  for (const kind of SEGMENT_KINDS) {
    const groups = new Map<string, string[]>();
    for (const tenant of ledger.tenants.values()) {
      const ids = groups.get(tenant[kind]) ?? [];
      ids.push(tenant.id);
      groups.set(tenant[kind], ids);
    }
    for (const [value, ids] of groups) {
      const pick = (map: Map<string, number> | undefined) =>
        new Map(ids.flatMap((id) => (map?.has(id) ? [[id, map.get(id) ?? 0] as const] : [])));
      const end = pick(last?.tenantEnd);
      const mrr = [...end.values()].reduce((a, b) => a + b, 0);
      const kept = retention(pick(first?.tenantStart), end);
      if (mrr === 0 && kept.startingTenants === 0) continue;
      rows.push({
        kind,
        value,
        mrrCents: mrr,
        payingTenants: end.size,
        arpuCents: end.size > 0 ? Math.round(mrr / end.size) : null,
        logoChurnRate: kept.logoChurnRate,
        nrr: kept.nrr,
      });
    }
  }
  rows.sort((a, b) =>
    a.kind === b.kind ? b.mrrCents - a.mrrCents : SEGMENT_KINDS.indexOf(a.kind) - SEGMENT_KINDS.indexOf(b.kind),
  );
  return { segments: rows };
}
