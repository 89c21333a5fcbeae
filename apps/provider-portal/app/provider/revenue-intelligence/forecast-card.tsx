import type { RevenueForecast } from "@pp/core/revenue/get-revenue-forecast";
import { Card } from "@pp/ui/card";
import { formatCents } from "@pp/ui/format";
import { LineChart } from "@pp/ui/line-chart";

const mape = (value: number | null) => (value === null ? "not enough history" : `${value.toFixed(1)}% MAPE`);

/** MRR history and the next 6 months by both methods, with the band and each method's backtest accuracy. */
export function ForecastCard({ forecast }: { forecast: RevenueForecast }) {
  const labels = [...forecast.history.map((h) => h.month), ...forecast.forecast.map((f) => f.month)];
  // The chart's axis reads in dollars.
  const dollars = (cents: number) => cents / 100;
  const history = forecast.history.map((h) => dollars(h.mrrCents));
  return (
    <Card
      title="MRR and forecast"
      description={`Next 6 months by linear trend (${mape(forecast.backtest.linear.mape)}) and 3-month moving average (${mape(forecast.backtest.movingAverage.mape)}); accuracy from forecasting each of the last 6 months with the months before it.`}
    >
      <LineChart
        title="MRR by month in dollars, with the forecast"
        labels={labels}
        series={[
          // Shorter than the labels: the actual line stops where the forecasts go on.
          { key: "actual", label: "MRR", values: history, tone: "brand" },
          {
            key: "linear",
            label: "Linear forecast",
            values: [...history, ...forecast.forecast.map((f) => dollars(f.linearCents))],
            tone: "warn",
            dashed: true,
          },
          {
            key: "ma",
            label: "Moving-average forecast",
            values: [...history, ...forecast.forecast.map((f) => dollars(f.movingAverageCents))],
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
