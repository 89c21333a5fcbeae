import type { RevenueKpis, RevenueSummary } from "@pp/core/revenue/get-revenue-summary";
import { REVENUE_METRICS, type RevenueMetricKey } from "@pp/core/revenue/metric-definitions";
import { formatCents, formatCount } from "@pp/ui/format";
import clsx from "clsx";
import Link from "next/link";
import type { ReactNode } from "react";

type Kind = "cents" | "percent" | "ratio";

/** One row per card: the figure, how to show it and its delta; label and definition come from core. */
type Kpi = {
  key: RevenueMetricKey;
  kind: Kind;
  figure: (k: RevenueKpis) => number | null;
  /** Lower is better (churn): the delta is coloured the other way round. */
  inverse?: boolean;
  /** Text shown instead of the formatted figure (e.g. "No losses"), or a suffix to it. */
  note?: (k: RevenueKpis) => { instead?: string; suffix?: string };
};

const KPIS: Kpi[] = [
  { key: "mrr", kind: "cents", figure: (k) => k.mrrCents },
  { key: "arr", kind: "cents", figure: (k) => k.arrCents },
  { key: "momGrowth", kind: "percent", figure: (k) => k.momGrowth },
  { key: "nrr", kind: "percent", figure: (k) => k.nrr },
  { key: "grr", kind: "percent", figure: (k) => k.grr },
  { key: "arpu", kind: "cents", figure: (k) => k.arpuCents },
  { key: "logoChurn", kind: "percent", figure: (k) => k.logoChurnRate, inverse: true },
  { key: "revenueChurn", kind: "percent", figure: (k) => k.revenueChurnRate, inverse: true },
  {
    key: "quickRatio",
    kind: "ratio",
    figure: (k) => k.quickRatio,
    note: (k) => ({
      instead:
        k.quickRatio === null && k.movements.new + k.movements.expansion + k.movements.reactivation > 0
          ? "No losses"
          : undefined,
    }),
  },
  { key: "ltv", kind: "cents", figure: (k) => k.ltvCents, note: (k) => ({ suffix: k.ltvCapped ? " (capped)" : "" }) },
  { key: "usageRevenue", kind: "cents", figure: (k) => k.usageRevenueCents },
];

function format(kind: Kind, value: number | null): string {
  if (value === null) return "—";
  if (kind === "cents") return formatCents(value);
  if (kind === "percent") return `${(value * 100).toFixed(1)}%`;
  return `${value.toFixed(2)}×`;
}

function formatDelta(kind: Kind, diff: number): string {
  if (kind === "cents") return formatCents(Math.abs(diff));
  if (kind === "percent") return `${Math.abs(diff * 100).toFixed(1)} pts`;
  return Math.abs(diff).toFixed(2);
}

function delta(kpi: Kpi, current: RevenueKpis, prior: RevenueKpis): ReactNode {
  const now = kpi.figure(current);
  const before = kpi.figure(prior);
  if (now === null || before === null) return <span className="text-slate-400">no prior figure</span>;
  const diff = now - before;
  const good = kpi.inverse ? diff < 0 : diff > 0;
  return (
    <span className={clsx(diff === 0 ? "text-slate-500" : good ? "text-success-700" : "text-danger-700")}>
      {diff === 0 ? "no change" : `${diff > 0 ? "+" : "−"}${formatDelta(kpi.kind, diff)}`} vs prior
    </span>
  );
}

/** data-kpi / test ids in kebab case: "logoChurn" → "logo-churn". */
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function KpiCard({ metric, value, children }: { metric: RevenueMetricKey; value: ReactNode; children: ReactNode }) {
  const { label, definition } = REVENUE_METRICS[metric];
  return (
    <div className="rounded-card border border-line bg-surface px-4 py-3 shadow-card" data-kpi={kebab(metric)}>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</p>
      {value === null ? null : (
        <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`kpi-${kebab(metric)}`}>
          {value}
        </p>
      )}
      {children}
      <p className="mt-2 text-xs leading-snug text-slate-500">{definition}</p>
    </div>
  );
}

/** The KPI cards: value, change against the prior period, and how it is computed. */
export function KpiCards({ summary, drillHref }: { summary: RevenueSummary; drillHref: string }) {
  const { kpis, prior } = summary;
  return (
    <section aria-label="Revenue KPIs" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4">
      {KPIS.map((kpi) => {
        const note = kpi.note?.(kpis) ?? {};
        return (
          <KpiCard
            key={kpi.key}
            metric={kpi.key}
            value={note.instead ?? `${format(kpi.kind, kpi.figure(kpis))}${note.suffix ?? ""}`}
          >
            <p className="mt-0.5 text-xs">{delta(kpi, kpis, prior)}</p>
          </KpiCard>
        );
      })}
      <KpiCard metric="ltvToCac" value={kpis.ltvToCac === null ? null : format("ratio", kpis.ltvToCac)}>
        {kpis.ltvToCac !== null ? (
          <p className="mt-0.5 text-xs text-slate-500">
            CAC {formatCents(kpis.cacCents ?? 0)} · {formatCount(kpis.newCustomers)} new clients
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            {kpis.acquisitionSpendCents === 0
              ? "Enter monthly acquisition spend per channel (Acquisition spend, below) to see LTV:CAC."
              : "No client first paid in this period, so there is no CAC yet."}
          </p>
        )}
        <Link href={drillHref} className="mt-2 inline-block text-xs font-medium text-brand-700 hover:underline">
          See the movements behind these numbers
        </Link>
      </KpiCard>
    </section>
  );
}
