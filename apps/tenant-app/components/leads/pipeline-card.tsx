import type { LeadPipelineSummary } from "@pp/core/leads/summarize-lead-pipeline";
import { Card } from "@pp/ui/card";
import { formatCents, formatCount } from "@pp/ui/format";
import Link from "next/link";

/** The dashboard's pipeline: open leads per stage (each opens the leads list), recent wins and losses. */
export function PipelineCard({ slug, pipeline }: { slug: string; pipeline: LeadPipelineSummary }) {
  const { won, lost, days } = pipeline;
  return (
    <Card
      title="Pipeline"
      description={`Open leads by stage · won and lost in the last ${days} days`}
      actions={
        <Link href={`/t/${slug}/leads`} className="text-sm font-medium text-brand-700 hover:underline">
          Work your leads
        </Link>
      }
    >
      <ol aria-label="Open leads by stage" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {pipeline.stages.map((stage) => (
          <li key={stage.key} className="rounded-md border border-line p-3">
            <p className="text-xs text-slate-600">{stage.label}</p>
            <p className="text-lg font-semibold text-slate-900">{formatCount(stage.leads)}</p>
          </li>
        ))}
      </ol>
      <p className="mt-3 text-sm text-slate-700">
        Won {formatCount(won.leads)} {won.leads === 1 ? "job" : "jobs"} worth {formatCents(won.valueCents)} · lost{" "}
        {formatCount(lost.leads)}
      </p>
    </Card>
  );
}
