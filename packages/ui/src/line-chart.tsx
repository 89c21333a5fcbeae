import clsx from "clsx";

export type LineChartTone = "brand" | "danger" | "warn" | "muted";

export type LineChartSeries = {
  key: string;
  label: string;
  /** One value per label. */
  values: readonly number[];
  tone: LineChartTone;
  /** Dashed: a comparison line, e.g. the prior period. */
  dashed?: boolean;
};

const STROKES: Record<LineChartTone, string> = {
  brand: "stroke-brand-600",
  danger: "stroke-danger-600",
  warn: "stroke-warn-600",
  muted: "stroke-slate-400",
};
const SWATCHES: Record<LineChartTone, string> = {
  brand: "bg-brand-600",
  danger: "bg-danger-600",
  warn: "bg-warn-600",
  muted: "bg-slate-400",
};

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 26, left: 48 };
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** 0, then a round step (1, 2 or 5 × 10ⁿ) so the top gridline sits at or above `max`. */
function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((factor) => factor * magnitude >= raw) ?? 10) * magnitude;
  return Array.from({ length: Math.ceil(max / step) + 1 }, (_, index) => index * step);
}

/**
 * The one line chart: plain SVG rendered on the server (no client JS, prints and screenshots as
 * it looks), scaled to its container's width. Each point carries a native tooltip.
 */
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
  const max = Math.max(0, ...series.flatMap((line) => line.values));
  const ticks = niceTicks(max);
  const top = ticks.at(-1) ?? 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left + (labels.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (labels.length - 1));
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(labels.length / 8));

  return (
    <figure className={clsx("w-full", className)}>
      <figcaption className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {series.map((line) => (
          <span key={line.key} className="inline-flex items-center gap-1.5">
            <span
              aria-hidden
              className={clsx("inline-block h-0.5 w-4", SWATCHES[line.tone], line.dashed && "opacity-50")}
            />
            {line.label}
          </span>
        ))}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={title}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} className="stroke-slate-200" />
            <text x={PAD.left - 8} y={y(tick) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
              {compact.format(tick)}
            </text>
          </g>
        ))}
        {labels.map((label, index) =>
          // Every nth label, and the last one unless it would crowd the nth before it.
          (index % labelEvery === 0 && labels.length - 1 - index >= labelEvery / 2) || index === labels.length - 1 ? (
            <text
              key={label}
              x={x(index)}
              y={HEIGHT - 6}
              textAnchor={index === 0 ? "start" : index === labels.length - 1 ? "end" : "middle"}
              className="fill-slate-500 text-[11px]"
            >
              {label}
            </text>
          ) : null,
        )}
        {series.map((line) => (
          <g key={line.key}>
            <polyline
              fill="none"
              strokeWidth={line.dashed ? 1.5 : 2}
              strokeDasharray={line.dashed ? "5 4" : undefined}
              strokeLinejoin="round"
              className={clsx(STROKES[line.tone], line.dashed && "opacity-60")}
              points={line.values.map((value, index) => `${x(index)},${y(value)}`).join(" ")}
            />
            {line.dashed
              ? null
              : line.values.map((value, index) => (
                  <circle
                    key={labels[index] ?? index}
                    cx={x(index)}
                    cy={y(value)}
                    r={labels.length > 40 ? 1.5 : 2.5}
                    className={clsx("fill-white", STROKES[line.tone])}
                    strokeWidth={1.5}
                  >
                    <title>{`${labels[index] ?? ""} · ${line.label}: ${value.toLocaleString("en-US")}`}</title>
                  </circle>
                ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
