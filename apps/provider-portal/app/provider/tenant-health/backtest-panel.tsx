import type { HealthBacktest } from "@pp/core/health/backtest-health-score";
import { HEALTH_BAND_LABELS, type HealthBand } from "@pp/core/health/health-components";
import { Card } from "@pp/ui/card";

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

/** "How well this score predicts churn": the backtest's AUC and the at-risk band's lift. */
export function BacktestPanel({ backtest }: { backtest: HealthBacktest }) {
  return (
    <Card
      className="mt-8"
      title="How well this score predicts churn"
      description={`Each month's score, from the data known then, against churn in the following 90 days (${backtest.months} months, ${backtest.observations.toLocaleString("en-US")} client-months). Method: docs/health-score.md.`}
    >
      {backtest.auc === null ? (
        <p className="text-sm text-slate-500">
          Not enough history yet: the backtest needs months with both churned and retained clients.
        </p>
      ) : (
        <div className="grid gap-6 md:grid-cols-3">
          <div>
            <p className="text-xs font-medium text-slate-500">AUC</p>
            <p className="text-2xl font-semibold text-slate-900 tabular-nums">{backtest.auc.toFixed(2)}</p>
            <p className="text-xs text-slate-500">
              0.5 is a coin toss, 1.0 ranks every churned client below every retained one
            </p>
          </div>
          <div>
            <p className="text-xs font-medium text-slate-500">Lift of the at-risk band</p>
            <p className="text-2xl font-semibold text-slate-900 tabular-nums">
              {backtest.atRiskLift === null ? "—" : `${backtest.atRiskLift.toFixed(1)}×`}
            </p>
            <p className="text-xs text-slate-500">its churn rate against the overall {percent(backtest.baseRate)}</p>
          </div>
          <table className="text-sm">
            <caption className="sr-only">Churn within 90 days by band</caption>
            <tbody>
              {(Object.keys(backtest.byBand) as HealthBand[]).map((band) => (
                <tr key={band}>
                  <th scope="row" className="pr-3 text-left font-normal text-slate-600">
                    {HEALTH_BAND_LABELS[band]}
                  </th>
                  <td className="pr-3 text-right tabular-nums">
                    {backtest.byBand[band].count.toLocaleString("en-US")}
                  </td>
                  <td className="text-right tabular-nums">{percent(backtest.byBand[band].rate)} churned</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
