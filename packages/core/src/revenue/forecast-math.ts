/** Forecasts of a monthly MRR series (cents), and how well each method did on the recent past. */

/** Least-squares line through the series, extended `horizon` points. */
export function linearForecast(series: readonly number[], horizon: number): number[] {
  const n = series.length;
  if (n === 0) return Array.from({ length: horizon }, () => 0);
  if (n === 1) return Array.from({ length: horizon }, () => series[0] ?? 0);
  const meanX = (n - 1) / 2;
  const meanY = series.reduce((a, b) => a + b, 0) / n;
  let numerator = 0;
  let denominator = 0;
  series.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  const slope = numerator / denominator;
  return Array.from({ length: horizon }, (_, i) => Math.max(0, Math.round(meanY + slope * (n + i - meanX))));
}

/** 3-month moving average, rolled forward: each forecast month averages the three before it. */
export function movingAverageForecast(series: readonly number[], horizon: number, window = 3): number[] {
  const values = [...series];
  const out: number[] = [];
  for (let i = 0; i < horizon; i++) {
    const last = values.slice(-window);
    const next = last.length > 0 ? Math.round(last.reduce((a, b) => a + b, 0) / last.length) : 0;
    out.push(next);
    values.push(next);
  }
  return out;
}

/**
 * Backtest: forecast each of the last `points` months one step ahead from the data before it and
 * report the mean absolute percentage error (months with zero actual MRR are skipped).
 */
export function backtestMape(
  series: readonly number[],
  method: (history: readonly number[], horizon: number) => number[],
  points = 6,
  minHistory = 3,
): { mape: number | null; points: { index: number; actual: number; forecast: number }[] } {
  const results: { index: number; actual: number; forecast: number }[] = [];
  for (let index = Math.max(minHistory, series.length - points); index < series.length; index++) {
    const actual = series[index] ?? 0;
    const forecast = method(series.slice(0, index), 1)[0] ?? 0;
    results.push({ index, actual, forecast });
  }
  const scored = results.filter((point) => point.actual > 0);
  const mape =
    scored.length > 0
      ? (scored.reduce((total, point) => total + Math.abs(point.actual - point.forecast) / point.actual, 0) /
          scored.length) *
        100
      : null;
  return { mape, points: results };
}
