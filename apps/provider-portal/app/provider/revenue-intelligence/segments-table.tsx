import type { SegmentRow } from "@pp/core/revenue/get-revenue-segments";
import { formatCents } from "@pp/ui/format";
import Link from "next/link";

const KIND_LABELS = { plan: "Plan", trade: "Trade", region: "Region", source: "Lead source" } as const;
const percent = (value: number | null) => (value === null ? "—" : `${(value * 100).toFixed(1)}%`);

/** MRR, clients, ARPU, logo churn and NRR per segment; a segment's name filters the whole page to it. */
export function SegmentsTable({
  segments,
  filterHref,
}: {
  segments: readonly SegmentRow[];
  filterHref: (segment: string) => string;
}) {
  return (
    <table className="w-full text-sm" aria-label="Segments">
      <thead className="bg-slate-50 text-right text-xs text-slate-500 uppercase">
        <tr>
          <th className="px-4 py-2 text-left font-medium">Segment</th>
          <th className="px-4 py-2 font-medium">MRR</th>
          <th className="px-4 py-2 font-medium">Paying clients</th>
          <th className="px-4 py-2 font-medium">ARPU</th>
          <th className="px-4 py-2 font-medium">Logo churn</th>
          <th className="px-4 py-2 font-medium">NRR</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-line text-right tabular-nums">
        {segments.map((row) => (
          <tr key={`${row.kind}:${row.value}`}>
            <th scope="row" className="px-4 py-2 text-left font-normal">
              <span className="text-xs text-slate-500">{KIND_LABELS[row.kind]} · </span>
              <Link
                href={filterHref(`${row.kind}:${row.value}`)}
                className="font-medium text-brand-700 hover:underline"
              >
                {row.value}
              </Link>
            </th>
            <td className="px-4 py-2">{formatCents(row.mrrCents)}</td>
            <td className="px-4 py-2">{row.payingTenants}</td>
            <td className="px-4 py-2">{row.arpuCents === null ? "—" : formatCents(row.arpuCents)}</td>
            <td className="px-4 py-2">{percent(row.logoChurnRate)}</td>
            <td className="px-4 py-2">{percent(row.nrr)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
