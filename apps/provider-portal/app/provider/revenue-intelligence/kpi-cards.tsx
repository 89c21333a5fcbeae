import type { RevenueKpis, RevenueSummary } from "@pp/core/revenue/get-revenue-summary";
import { REVENUE_METRIC_DEFINITIONS as DEFINE } from "@pp/core/revenue/metric-definitions";
import { formatCents, formatCount } from "@pp/ui/format";
import clsx from "clsx";
import Link from "next/link";
import type { ReactNode } from "react";

const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);
const ratio = (value: number | null) => (value === null ? "—" : `${value.toFixed(2)}×`);

type Kpi = {
  key: string;
  label: string;
  value: (k: RevenueKpis) => string;
  raw: (k: RevenueKpis) => number | null;
  definition: string;
  /** Lower is better (churn): the delta is coloured the other way round. */
  inverse?: boolean;
  kind: "cents" | "percent" | "ratio" | "count";
};

const KPIS: Kpi[] = [
  {
    key: "mrr",
    label: "MRR",
    value: (k) => formatCents(k.mrrCents),
    raw: (k) => k.mrrCents,
    definition: DEFINE.mrr,
    kind: "cents",
  },
  {
    key: "arr",
    label: "ARR",
    value: (k) => formatCents(k.arrCents),
    raw: (k) => k.arrCents,
    definition: DEFINE.arr,
    kind: "cents",
  },
  {
    key: "growth",
    label: "MoM growth",
    value: (k) => percent(k.momGrowth),
    raw: (k) => k.momGrowth,
    definition: DEFINE.momGrowth,
    kind: "percent",
  },
  {
    key: "nrr",
    label: "NRR",
    value: (k) => percent(k.nrr),
    raw: (k) => k.nrr,
    definition: DEFINE.nrr,
    kind: "percent",
  },
  {
    key: "grr",
    label: "GRR",
    value: (k) => percent(k.grr),
    raw: (k) => k.grr,
    definition: DEFINE.grr,
    kind: "percent",
  },
  {
    key: "arpu",
    label: "ARPU",
    value: (k) => (k.arpuCents === null ? "—" : formatCents(k.arpuCents)),
    raw: (k) => k.arpuCents,
    definition: DEFINE.arpu,
    kind: "cents",
  },
  {
    key: "logo-churn",
    label: "Logo churn",
    value: (k) => percent(k.logoChurnRate),
    raw: (k) => k.logoChurnRate,
    definition: DEFINE.logoChurn,
    inverse: true,
    kind: "percent",
  },
  {
    key: "revenue-churn",
    label: "Revenue churn",
    value: (k) => percent(k.revenueChurnRate),
    raw: (k) => k.revenueChurnRate,
    definition: DEFINE.revenueChurn,
    inverse: true,
    kind: "percent",
  },
  {
    key: "quick-ratio",
    label: "Quick Ratio",
    value: (k) =>
      k.quickRatio === null
        ? k.movements.new + k.movements.expansion + k.movements.reactivation > 0
          ? "No losses"
          : "—"
        : ratio(k.quickRatio),
    raw: (k) => k.quickRatio,
    definition: DEFINE.quickRatio,
    kind: "ratio",
  },
  {
    key: "ltv",
    label: "LTV",
    value: (k) => (k.ltvCents === null ? "—" : `${formatCents(k.ltvCents)}${k.ltvCapped ? " (capped)" : ""}`),
    raw: (k) => k.ltvCents,
    definition: DEFINE.ltv,
    kind: "cents",
  },
  {
    key: "usage",
    label: "Usage revenue",
    value: (k) => formatCents(k.usageRevenueCents),
    raw: (k) => k.usageRevenueCents,
    definition: DEFINE.usageRevenue,
    kind: "cents",
  },
];

function delta(kpi: Kpi, current: RevenueKpis, prior: RevenueKpis): ReactNode {
  const now = kpi.raw(current);
  const before = kpi.raw(prior);
  if (now === null || before === null) return <span className="text-slate-400">no prior figure</span>;
  const diff = now - before;
  const text =
    kpi.kind === "cents"
      ? formatCents(Math.abs(diff))
      : kpi.kind === "percent"
        ? `${Math.abs(diff * 100).toFixed(1)} pts`
        : Math.abs(diff).toFixed(2);
  const good = kpi.inverse ? diff < 0 : diff > 0;
  return (
    <span className={clsx(diff === 0 ? "text-slate-500" : good ? "text-success-700" : "text-danger-700")}>
      {diff === 0 ? "no change" : `${diff > 0 ? "+" : "−"}${text}`} vs prior
    </span>
  );
}

/** The KPI cards: value, change against the prior period, and how it is computed. */
export function KpiCards({ summary, drillHref }: { summary: RevenueSummary; drillHref: string }) {
  const { kpis, prior } = summary;
  return (
    <section aria-label="Revenue KPIs" className="mb-6 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-4">
      {KPIS.map((kpi) => (
        <div
          key={kpi.key}
          className="rounded-card border border-line bg-surface px-4 py-3 shadow-card"
          data-kpi={kpi.key}
        >
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{kpi.label}</p>
          <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums" data-testid={`kpi-${kpi.key}`}>
            {kpi.value(kpis)}
          </p>
          <p className="mt-0.5 text-xs">{delta(kpi, kpis, prior)}</p>
          <p className="mt-2 text-xs leading-snug text-slate-500">{kpi.definition}</p>
        </div>
      ))}
      <div className="rounded-card border border-line bg-surface px-4 py-3 shadow-card" data-kpi="ltv-cac">
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">LTV:CAC</p>
        {kpis.ltvToCac !== null ? (
          <>
            <p className="mt-1 text-2xl font-semibold text-slate-900 tabular-nums">{ratio(kpis.ltvToCac)}</p>
            <p className="mt-0.5 text-xs text-slate-500">
              CAC {formatCents(kpis.cacCents ?? 0)} · {formatCount(kpis.newCustomers)} new clients
            </p>
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            {kpis.acquisitionSpendCents === 0
              ? "Enter monthly acquisition spend per channel (Acquisition spend, below) to see LTV:CAC."
              : "No client first paid in this period, so there is no CAC yet."}
          </p>
        )}
        <p className="mt-2 text-xs leading-snug text-slate-500">{DEFINE.ltvToCac}</p>
        <Link href={drillHref} className="mt-2 inline-block text-xs font-medium text-brand-700 hover:underline">
          See the movements behind these numbers
        </Link>
      </div>
    </section>
  );
}
