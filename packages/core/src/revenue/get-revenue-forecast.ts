import { db, type Executor } from "@pp/db";
import { backtestMape, linearForecast, movingAverageForecast } from "./forecast-math";
import { addMonthsTo, ledgerMonths } from "./ledger-math";
import { loadLedger } from "./load-ledger";
import { loadRevenueMonths } from "./load-revenue-months";
import { type RevenueViewOptions, resolveRange } from "./revenue-query";

export const FORECAST_HORIZON = 6;
export const BACKTEST_MONTHS = 6;

export type RevenueForecast = {
  history: { month: string; mrrCents: number }[];
  forecast: { month: string; linearCents: number; movingAverageCents: number; lowCents: number; highCents: number }[];
  backtest: {
    linear: { mape: number | null };
    movingAverage: { mape: number | null };
    points: { month: string; actualCents: number; linearCents: number; movingAverageCents: number }[];
  };
};

/**
 * MRR for the next 6 months by linear trend and by 3-month moving average, each with its accuracy:
 * the last 6 months forecast one step ahead from the months before them, as MAPE. The band around
 * the linear forecast is ± its backtest MAPE.
 */
export async function getRevenueForecast(
  options: RevenueViewOptions,
  executor: Executor = db,
): Promise<RevenueForecast> {
  const now = options.now ?? new Date();
  const range = resolveRange(options, now);
  // Platform-wide from the snapshots where they exist (loadRevenueMonths); a segment from its ledger.
  const months =
    range.segment || options.source === "ledger"
      ? ledgerMonths(
          (await loadLedger({ before: range.before, segment: range.segment, source: options.source }, executor)).events,
          range.months,
        )
      : await loadRevenueMonths({ months: range.months, before: range.before, now, tenants: false }, executor);
  const history = months.map((m) => ({ month: m.month, mrrCents: m.endMrrCents }));
  const series = history.map((point) => point.mrrCents);
  const linear = linearForecast(series, FORECAST_HORIZON);
  const moving = movingAverageForecast(series, FORECAST_HORIZON);
  const linearTest = backtestMape(series, linearForecast, BACKTEST_MONTHS);
  const movingTest = backtestMape(series, movingAverageForecast, BACKTEST_MONTHS);
  const spread = (linearTest.mape ?? 0) / 100;
  return {
    history,
    forecast: linear.map((value, i) => ({
      month: addMonthsTo(range.to, i + 1),
      linearCents: value,
      movingAverageCents: moving[i] ?? 0,
      lowCents: Math.max(0, Math.round(value * (1 - spread))),
      highCents: Math.round(value * (1 + spread)),
    })),
    backtest: {
      linear: { mape: linearTest.mape },
      movingAverage: { mape: movingTest.mape },
      points: linearTest.points.map((point, i) => ({
        month: history[point.index]?.month ?? "",
        actualCents: point.actual,
        linearCents: point.forecast,
        movingAverageCents: movingTest.points[i]?.forecast ?? 0,
      })),
    },
  };
}
