import type { NpsFigure, NpsSummary } from "@pp/core/nps/get-nps-summary";
import { Card } from "@pp/ui/card";
import { formatDate } from "@pp/ui/format";
import Link from "next/link";

function figure(value: NpsFigure) {
  return value.responses > 0
    ? `${value.nps} (${value.responses} answer${value.responses === 1 ? "" : "s"})`
    : "No answers";
}

/** NPS over 180 days: platform-wide, by trade and plan, and the latest comments. */
export function NpsPanel({ nps }: { nps: NpsSummary }) {
  return (
    <Card
      className="mt-8"
      title="NPS"
      description="Promoters (9–10) minus detractors (0–6), as % of answers in the last 180 days."
    >
      <div className="grid gap-6 md:grid-cols-3">
        <div>
          <p className="text-xs font-medium text-slate-500">Platform</p>
          <p className="text-2xl font-semibold text-slate-900 tabular-nums" data-testid="platform-nps">
            {nps.platform.responses > 0 ? nps.platform.nps : "—"}
          </p>
          <p className="text-xs text-slate-500">
            {nps.platform.promoters} promoters · {nps.platform.passives} passives · {nps.platform.detractors} detractors
          </p>
        </div>
        <Segment title="By trade" rows={nps.byTrade} />
        <Segment title="By plan" rows={nps.byPlan} />
      </div>
      {nps.comments.length > 0 ? (
        <ul className="mt-4 space-y-1.5 border-t border-line pt-3 text-sm">
          {nps.comments.map((comment) => (
            <li key={comment.id} className="whitespace-pre-wrap text-slate-700">
              <span className="font-semibold tabular-nums">{comment.score}</span> — {comment.comment} ·{" "}
              <Link
                href={`/provider/clients/${comment.tenantId}/health`}
                className="text-brand-700 underline hover:text-brand-800"
              >
                {comment.tenantName}
              </Link>{" "}
              <span className="text-xs text-slate-500">{formatDate(comment.respondedAt)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function Segment({ title, rows }: { title: string; rows: NpsSummary["byTrade"] }) {
  return (
    <div>
      <p className="text-xs font-medium text-slate-500">{title}</p>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No answers yet</p>
      ) : (
        <ul className="text-sm">
          {rows.map((row) => (
            <li key={row.segment} className="flex justify-between gap-3">
              <span className="text-slate-700 capitalize">{row.segment}</span>
              <span className="tabular-nums text-slate-900">{figure(row)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
