"use client";

import clsx from "clsx";
import { Area, Bar, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents, formatCount } from "./format";

export type ChartTone = "brand" | "danger" | "warn" | "success" | "muted";

type SeriesBase = {
  key: string;
  label: string;
  tone: ChartTone;
};

/** A line; `dashed` for a comparison, e.g. the prior period. */
export type ChartLine = SeriesBase & { kind?: "line"; values: readonly (number | null)[]; dashed?: boolean };
/** Bars; bars sharing a `stack` sit on each other. `invisible` draws nothing (a waterfall's base). */
export type ChartBars = SeriesBase & {
  kind: "bar";
  values: readonly (number | null)[];
  stack?: string;
  invisible?: boolean;
};
/** A shaded band between a low and a high per label (a forecast's range). */
export type ChartBand = SeriesBase & { kind: "band"; ranges: readonly (readonly [number, number] | null)[] };

export type ChartSeries = ChartLine | ChartBars | ChartBand;
export type ChartValueFormat = "count" | "cents" | "percent";

export type ChartProps = {
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** The chart's accessible name; the visible title belongs to the card around it. */
  title: string;
  /** Read by screen readers after the title; by default one line per series (total, peak). */
  summary?: string;
  format?: ChartValueFormat;
  height?: number;
  className?: string;
};

const COLORS: Record<ChartTone, string> = {
  brand: "var(--color-brand-600)",
  danger: "var(--color-danger-600)",
  warn: "var(--color-warn-600)",
  success: "var(--color-success-600)",
  muted: "var(--color-slate-400)",
};
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

function formatValue(value: number, format: ChartValueFormat): string {
  if (format === "cents") return formatCents(value);
  if (format === "percent") return `${Math.round(value * 1000) / 10}%`;
  return formatCount(value);
}

function axisValue(value: number, format: ChartValueFormat): string {
  if (format === "cents") return `$${compact.format(value / 100)}`;
  if (format === "percent") return `${Math.round(value * 100)}%`;
  return compact.format(value);
}

/** "Requests: 1,234 in total, peak 210 (Mar 4)." per visible line or bar series. */
export function summarize(
  labels: readonly string[],
  series: readonly ChartSeries[],
  format: ChartValueFormat = "count",
) {
  return series
    .flatMap((item) => {
      if (item.kind === "band" || (item.kind === "bar" && item.invisible)) return [];
      const values = item.values.map((value) => value ?? 0);
      if (values.length === 0) return [`${item.label}: no data.`];
      const total = values.reduce((sum, value) => sum + value, 0);
      const peak = Math.max(...values);
      const at = labels[values.indexOf(peak)] ?? "";
      return [`${item.label}: ${formatValue(total, format)} in total, peak ${formatValue(peak, format)} (${at}).`];
    })
    .join(" ");
}

/**
 * The one chart wrapper (Recharts): lines, bars (stacked: a waterfall is an invisible base plus a
 * delta), and shaded bands, over one label axis. Tooltips on hover and keyboard focus, fills its
 * container's width, and names and summarizes itself for screen readers.
 */
export function Chart({ labels, series, title, summary, format = "count", height = 220, className }: ChartProps) {
  const data = labels.map((label, index) => {
    const row: Record<string, string | number | [number, number] | null> = { label };
    for (const item of series) {
      row[item.key] =
        item.kind === "band" ? ((item.ranges[index] as [number, number] | null) ?? null) : (item.values[index] ?? null);
    }
    return row;
  });
  const labelOf = new Map(series.map((item) => [item.key, item.label]));
  const hidden = new Set(series.filter((item) => item.kind === "bar" && item.invisible).map((item) => item.key));
  const legend = series.filter((item) => !hidden.has(item.key));

  return (
    <figure className={clsx("w-full", className)} aria-label={title}>
      <figcaption className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {legend.map((item) => (
          <span key={item.key} className="inline-flex items-center gap-1.5">
            <span
              aria-hidden
              className={clsx(
                "inline-block w-4",
                item.kind === "line" || item.kind === undefined ? "h-0.5" : "h-2.5 rounded-sm",
              )}
              style={{
                background: COLORS[item.tone],
                opacity: item.kind === "band" ? 0.3 : item.kind !== "bar" && item.dashed ? 0.5 : 1,
              }}
            />
            {item.label}
          </span>
        ))}
        <span className="sr-only">{summary ?? summarize(labels, series, format)}</span>
      </figcaption>
      <ComposedChart
        responsive
        data={data}
        title={title}
        accessibilityLayer
        style={{ width: "100%", height }}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid vertical={false} stroke="var(--color-slate-200)" />
        <XAxis
          dataKey="label"
          tickLine={false}
          axisLine={false}
          tick={{ fontSize: 11, fill: "var(--color-slate-500)" }}
          minTickGap={16}
        />
        <YAxis
          width={48}
          tickLine={false}
          axisLine={false}
          allowDecimals={format !== "count"}
          tick={{ fontSize: 11, fill: "var(--color-slate-500)" }}
          tickFormatter={(value: number) => axisValue(value, format)}
        />
        <Tooltip
          cursor={{ fill: "var(--color-slate-100)", stroke: "var(--color-slate-300)" }}
          contentStyle={{ borderRadius: 8, borderColor: "var(--color-slate-200)", fontSize: 12 }}
          formatter={(value, name) => {
            const key = String(name);
            const text = Array.isArray(value)
              ? `${formatValue(Number(value[0]), format)} – ${formatValue(Number(value[1]), format)}`
              : formatValue(Number(value), format);
            return [text, labelOf.get(key) ?? key];
          }}
          filterNull
        />
        {series.map((item) => {
          if (item.kind === "band") {
            return (
              <Area
                key={item.key}
                dataKey={item.key}
                name={item.key}
                type="monotone"
                stroke="none"
                fill={COLORS[item.tone]}
                fillOpacity={0.18}
                isAnimationActive={false}
                connectNulls
              />
            );
          }
          if (item.kind === "bar") {
            return (
              <Bar
                key={item.key}
                dataKey={item.key}
                name={item.key}
                stackId={item.stack}
                fill={item.invisible ? "transparent" : COLORS[item.tone]}
                tooltipType={item.invisible ? "none" : undefined}
                radius={item.invisible ? 0 : [3, 3, 0, 0]}
                isAnimationActive={false}
              />
            );
          }
          return (
            <Line
              key={item.key}
              dataKey={item.key}
              name={item.key}
              type="linear"
              stroke={COLORS[item.tone]}
              strokeWidth={item.dashed ? 1.5 : 2}
              strokeDasharray={item.dashed ? "5 4" : undefined}
              strokeOpacity={item.dashed ? 0.6 : 1}
              dot={item.dashed || labels.length > 40 ? false : { r: 2.5, fill: "white", strokeWidth: 1.5 }}
              activeDot={{ r: 4 }}
              isAnimationActive={false}
            />
          );
        })}
      </ComposedChart>
    </figure>
  );
}

/**
 * A waterfall as stacked bars: each step's bar floats on an invisible base at the running total
 * before it. Negative steps hang down from the running total.
 */
export function waterfallSeries(
  steps: readonly { label: string; delta: number }[],
  { up = "success", down = "danger" }: { up?: ChartTone; down?: ChartTone } = {},
): { labels: string[]; series: ChartSeries[] } {
  let running = 0;
  const base: number[] = [];
  const rises: (number | null)[] = [];
  const falls: (number | null)[] = [];
  for (const step of steps) {
    const next = running + step.delta;
    base.push(Math.min(running, next));
    rises.push(step.delta >= 0 ? step.delta : null);
    falls.push(step.delta < 0 ? -step.delta : null);
    running = next;
  }
  return {
    labels: steps.map((step) => step.label),
    series: [
      {
        kind: "bar",
        key: "base",
        label: "Running total",
        tone: "muted",
        values: base,
        stack: "waterfall",
        invisible: true,
      },
      { kind: "bar", key: "increase", label: "Increase", tone: up, values: rises, stack: "waterfall" },
      { kind: "bar", key: "decrease", label: "Decrease", tone: down, values: falls, stack: "waterfall" },
    ],
  };
}
