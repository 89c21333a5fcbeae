import type { WaterfallMonth } from "@pp/core/revenue/get-revenue-waterfall";
import { formatCents } from "@pp/ui/format";
import Link from "next/link";

const MOVES = [
  { key: "new", label: "New", sign: 1 },
  { key: "expansion", label: "Expansion", sign: 1 },
  { key: "reactivation", label: "Reactivation", sign: 1 },
  { key: "contraction", label: "Contraction", sign: -1 },
  { key: "churn", label: "Churn", sign: -1 },
] as const;

/** Start MRR → movements → end MRR per month; each movement links to the events behind it. */
export function WaterfallTable({
  months,
  drillHref,
}: {
  months: readonly WaterfallMonth[];
  drillHref: (type: string, month: string) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="MRR waterfall">
        <thead className="bg-slate-50 text-right text-xs text-slate-500 uppercase">
          <tr>
            <th className="px-4 py-2 text-left font-medium">Month</th>
            <th className="px-4 py-2 font-medium">Start MRR</th>
            {MOVES.map((move) => (
              <th key={move.key} className="px-4 py-2 font-medium">
                {move.label}
              </th>
            ))}
            <th className="px-4 py-2 font-medium">End MRR</th>
            <th className="px-4 py-2 font-medium">Usage revenue</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line text-right tabular-nums">
          {[...months].reverse().map((month) => (
            <tr key={month.month} data-month={month.month}>
              <th scope="row" className="px-4 py-2 text-left font-medium text-slate-700">
                {month.month}
              </th>
              <td className="px-4 py-2">{formatCents(month.startMrrCents)}</td>
              {MOVES.map((move) => {
                const value = month[move.key];
                return (
                  <td key={move.key} className="px-4 py-2" data-movement={move.key}>
                    {value === 0 ? (
                      <span className="text-slate-300">—</span>
                    ) : (
                      <Link
                        href={drillHref(move.key, month.month)}
                        scroll={false}
                        className={
                          move.sign > 0 ? "text-success-700 hover:underline" : "text-danger-700 hover:underline"
                        }
                      >
                        {move.sign > 0 ? "+" : "−"}
                        {formatCents(value)}
                      </Link>
                    )}
                  </td>
                );
              })}
              <td className="px-4 py-2 font-semibold text-slate-900" data-testid={`end-mrr-${month.month}`}>
                {formatCents(month.endMrrCents)}
              </td>
              <td className="px-4 py-2 text-slate-600">{formatCents(month.usageRevenueCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
