import type { CohortRow } from "@pp/core/revenue/get-revenue-cohorts";
import { formatCents } from "@pp/ui/format";

/** A cell's background from its retention: the deeper the colour, the more was kept. */
function heat(value: number): string {
  if (value >= 1) return "bg-success-200";
  if (value >= 0.9) return "bg-success-100";
  if (value >= 0.75) return "bg-brand-100";
  if (value >= 0.5) return "bg-warn-100";
  if (value > 0) return "bg-danger-100";
  return "bg-slate-100 text-slate-400";
}

/** Cohorts by first paid month: each cell is revenue retention (logo retention under it), heat-mapped. */
export function CohortTable({ cohorts }: { cohorts: readonly CohortRow[] }) {
  const width = Math.max(0, ...cohorts.map((c) => c.cells.length));
  return (
    <div className="overflow-x-auto">
      <table className="text-xs tabular-nums" aria-label="Cohort retention">
        <thead className="text-slate-500">
          <tr>
            <th className="px-2 py-1 text-left font-medium">Cohort</th>
            <th className="px-2 py-1 text-right font-medium">Clients</th>
            <th className="px-2 py-1 text-right font-medium">Start MRR</th>
            {Array.from({ length: width }, (_, offset) => `M${offset}`).map((label) => (
              <th key={label} className="px-2 py-1 text-center font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cohorts.map((cohort) => (
            <tr key={cohort.cohort}>
              <th scope="row" className="px-2 py-1 text-left font-medium text-slate-700">
                {cohort.cohort}
              </th>
              <td className="px-2 py-1 text-right">{cohort.tenants}</td>
              <td className="px-2 py-1 text-right">{formatCents(cohort.startMrrCents, "USD", { compact: true })}</td>
              {cohort.cells.map((cell) => (
                <td
                  key={cell.offset}
                  className={`px-2 py-1 text-center ${heat(cell.revenueRetention)}`}
                  title={`${cell.month}: revenue ${(cell.revenueRetention * 100).toFixed(1)}%, clients ${(cell.logoRetention * 100).toFixed(1)}%`}
                >
                  {Math.round(cell.revenueRetention * 100)}%
                  <span className="block text-[10px] text-slate-500">
                    {Math.round(cell.logoRetention * 100)}% clients
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
