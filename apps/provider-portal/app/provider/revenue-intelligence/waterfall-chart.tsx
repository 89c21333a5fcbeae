"use client";

import type { WaterfallMonth } from "@pp/core/revenue/get-revenue-waterfall";
import { Chart, type ChartSeries, waterfallSeries } from "@pp/ui/chart";

/** One month as a waterfall: start MRR, each movement up or down, end MRR. */
export function WaterfallChart({ month }: { month: WaterfallMonth }) {
  const steps = waterfallSeries([
    { label: "Start MRR", delta: month.startMrrCents },
    { label: "New", delta: month.new },
    { label: "Expansion", delta: month.expansion },
    { label: "Reactivation", delta: month.reactivation },
    { label: "Contraction", delta: -month.contraction },
    { label: "Churn", delta: -month.churn },
  ]);
  // End MRR stands on the axis, like Start MRR.
  const series: ChartSeries[] = steps.series.map((item) => {
    if (item.kind !== "bar") return item;
    const end = item.key === "increase" ? month.endMrrCents : item.key === "base" ? 0 : null;
    return { ...item, values: [...item.values, end] };
  });
  return (
    <Chart
      title={`MRR waterfall for ${month.month}`}
      format="cents"
      labels={[...steps.labels, "End MRR"]}
      series={series}
      height={240}
    />
  );
}
