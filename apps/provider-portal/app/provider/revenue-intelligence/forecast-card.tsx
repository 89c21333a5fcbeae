import type { RevenueForecast } from "@pp/core/revenue/get-revenue-forecast";
import { Card } from "@pp/ui/card";
import { Chart } from "@pp/ui/chart";
import { formatCents } from "@pp/ui/format";

const mape = (value: number | null) => (value === null ? "not enough history" : `${value.toFixed(1)}% MAPE`);

/** MRR history and the next 6 months by both methods, with the band and each method's backtest accuracy. */
export function ForecastCard({ forecast }: { forecast: RevenueForecast }) {
  const labels = [...forecast.history.map((h) => h.month), ...forecast.forecast.map((f) => f.month)];
  const gap = forecast.forecast.map(() => null);
  const lead = forecast.history.map(() => null);
  // The forecasts start from the last actual month so the lines join.
  const last = forecast.history.at(-1)?.mrrCents ?? null;
  const fromLast = (values: number[]) => [...lead.slice(1), last, ...values];
  return (
    <Card
      title="MRR and forecast"
      description={`Next 6 months by linear trend (${mape(forecast.backtest.linear.mape)}) and 3-month moving average (${mape(forecast.backtest.movingAverage.mape)}); accuracy from forecasting each of the last 6 months with the months before it. The band is the linear forecast ± its MAPE.`}
    >
      <Chart
        title="MRR by month, with the forecast"
        format="cents"
        labels={labels}
        series={[
          {
            kind: "band",
            key: "band",
            label: "Linear forecast ± MAPE",
            tone: "warn",
            ranges: [...lead, ...forecast.forecast.map((f) => [f.lowCents, f.highCents] as const)],
          },
          { key: "actual", label: "MRR", values: [...forecast.history.map((h) => h.mrrCents), ...gap], tone: "brand" },
          {
            key: "linear",
            label: "Linear forecast",
            values: fromLast(forecast.forecast.map((f) => f.linearCents)),
            tone: "warn",
            dashed: true,
          },
          {
            key: "ma",
            label: "3-month moving average",
            values: fromLast(forecast.forecast.map((f) => f.movingAverageCents)),
            tone: "muted",
            dashed: true,
          },
        ]}
      />
      <table className="mt-4 w-full text-xs tabular-nums" aria-label="Forecast">
        <thead className="text-right text-slate-500">
          <tr>
            <th className="py-1 text-left font-medium">Month</th>
            <th className="py-1 font-medium">Linear</th>
            <th className="py-1 font-medium">Band (± MAPE)</th>
            <th className="py-1 font-medium">Moving average</th>
          </tr>
        </thead>
        <tbody className="text-right">
          {forecast.forecast.map((f) => (
            <tr key={f.month}>
              <th scope="row" className="py-1 text-left font-normal text-slate-700">
                {f.month}
              </th>
              <td className="py-1">{formatCents(f.linearCents)}</td>
              <td className="py-1 text-slate-500">
                {formatCents(f.lowCents)} – {formatCents(f.highCents)}
              </td>
              <td className="py-1">{formatCents(f.movingAverageCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
