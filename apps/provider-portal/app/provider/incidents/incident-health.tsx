import type { IncidentHealth, ResponseTimes } from "@pp/core/incidents/get-incident-health";
import { Card } from "@pp/ui/card";
import { formatDuration } from "./sla-clock-badge";

function minutes(value: number | null): string {
  return value === null ? "—" : formatDuration(value * 60_000);
}

function Change({ current, prior }: { current: number | null; prior: number | null }) {
  if (current === null || prior === null || prior === 0) return null;
  const change = Math.round(((current - prior) / prior) * 100);
  if (change === 0) return <span className="text-xs text-slate-500">same</span>;
  // Faster is better: a drop is good news.
  return (
    <span
      className={change < 0 ? "text-xs text-success-700" : "text-xs text-danger-700"}
    >{`${change > 0 ? "+" : ""}${change} %`}</span>
  );
}

function Cell({
  current,
  prior,
  pick,
}: {
  current: ResponseTimes;
  prior: ResponseTimes;
  pick: "mttaMinutes" | "mttrMinutes";
}) {
  return (
    <td className="px-3 py-2">
      <span className="font-medium text-slate-900">{minutes(current[pick])}</span>{" "}
      <Change current={current[pick]} prior={prior[pick]} />
      <span className="block text-xs text-slate-500">before: {minutes(prior[pick])}</span>
    </td>
  );
}

/** Incident health: MTTA / MTTR per severity against the prior period, and incidents per week. */
export function IncidentHealthPanel({ health }: { health: IncidentHealth }) {
  const max = Math.max(1, ...health.weeks.map((week) => Object.values(week.counts).reduce((a, b) => a + b, 0)));
  return (
    <div className="mb-6 grid gap-4 lg:grid-cols-2">
      <Card
        title="Response times"
        description={`Last ${health.periodDays} days against the ${health.periodDays} before`}
      >
        <table className="w-full text-sm" aria-label="MTTA and MTTR per severity">
          <thead className="text-left text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-3 py-1.5">Severity</th>
              <th className="px-3 py-1.5">MTTA</th>
              <th className="px-3 py-1.5">MTTR</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {health.bySeverity.map((row) => (
              <tr key={row.severity} data-severity={row.severity}>
                <td className="px-3 py-2 font-medium uppercase">{row.severity}</td>
                <Cell current={row.current} prior={row.prior} pick="mttaMinutes" />
                <Cell current={row.current} prior={row.prior} pick="mttrMinutes" />
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="Incidents per week" description="Opened, by severity (weeks start Monday, UTC)">
        <table className="w-full text-sm" aria-label="Incidents per week and severity">
          <thead className="text-left text-xs text-slate-500 uppercase">
            <tr>
              <th className="px-2 py-1.5">Week</th>
              <th className="px-2 py-1.5">sev1</th>
              <th className="px-2 py-1.5">sev2</th>
              <th className="px-2 py-1.5">sev3</th>
              <th className="px-2 py-1.5">sev4</th>
              <th className="w-1/3 px-2 py-1.5">
                <span className="sr-only">Total</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {health.weeks.map((week) => {
              const total = Object.values(week.counts).reduce((a, b) => a + b, 0);
              return (
                <tr key={week.weekStart}>
                  <td className="px-2 py-1 whitespace-nowrap text-slate-600">{week.weekStart}</td>
                  <td className="px-2 py-1">{week.counts.sev1}</td>
                  <td className="px-2 py-1">{week.counts.sev2}</td>
                  <td className="px-2 py-1">{week.counts.sev3}</td>
                  <td className="px-2 py-1">{week.counts.sev4}</td>
                  <td className="px-2 py-1" aria-hidden="true">
                    <div className="h-2 rounded bg-brand-500" style={{ width: `${(100 * total) / max}%` }} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
