import { Chart, type ChartTone } from "./chart";

export type LineChartTone = Exclude<ChartTone, "success">;

export type LineChartSeries = {
  key: string;
  label: string;
  /** One value per label. */
  values: readonly number[];
  tone: LineChartTone;
  /** Dashed: a comparison line, e.g. the prior period. */
  dashed?: boolean;
};

/** Lines over time: the shared Recharts `Chart` with only line series (kept for existing pages). */
export function LineChart({
  labels,
  series,
  title,
  className,
}: {
  labels: readonly string[];
  series: readonly LineChartSeries[];
  /** Read by screen readers; the visible title belongs to the card around the chart. */
  title: string;
  className?: string;
}) {
  return (
    <Chart
      labels={labels}
      series={series.map((line) => ({ ...line, kind: "line" as const }))}
      title={title}
      className={className}
    />
  );
}
