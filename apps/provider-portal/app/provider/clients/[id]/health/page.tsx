import { staffCan } from "@pp/core/auth/permissions";
import { HEALTH_COMPONENTS } from "@pp/core/health/health-components";
import { getNpsSummary } from "@pp/core/nps/get-nps-summary";
import { Card } from "@pp/ui/card";
import { formatDate } from "@pp/ui/format";
import { LineChart } from "@pp/ui/line-chart";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { HealthBadge, TrendArrow } from "../health-badge";
import { loadClientSuccess, loadOverview } from "../load-client";
import { RecomputeButton } from "./recompute-button";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  return { title: `${(await loadOverview(id)).tenant.name} · Health` };
}

/** Client 360 › Health: the score's components and rules, why it changed, its history and NPS. */
export default async function ClientHealthPage({ params }: Props) {
  const staff = await requireStaff(permissionFor("/provider/tenant-health"));
  const { id } = await params;
  const { tenant } = await loadOverview(id);
  const [{ health }, nps] = await Promise.all([loadClientSuccess(tenant.id), getNpsSummary({ tenantId: tenant.id })]);
  return (
    <div className="space-y-6">
      <Card
        title="Health score"
        description={`Computed ${formatDate(health.day)} from the rules below; bands: healthy 70+, watch 40–69, at risk under 40.`}
        actions={staffCan(staff.role, "success:write") ? <RecomputeButton tenantId={tenant.id} /> : undefined}
      >
        <div className="mb-4 flex items-center gap-3">
          <span className="text-3xl font-semibold text-slate-900 tabular-nums">{health.score}</span>
          <HealthBadge band={health.band} />
          <TrendArrow trend={health.trend} previous={health.previous?.score ?? null} />
        </div>
        <h3 className="mb-1 text-sm font-semibold text-slate-900">Why it changed</h3>
        {health.changes.length > 0 ? (
          <ul className="mb-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
            {health.changes.map((change) => (
              <li key={change.key}>{change.sentence}</li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-sm text-slate-500">
            {health.previous
              ? `No component moved by 5 points or more since ${formatDate(health.previous.day)}.`
              : "No score from a week ago to compare with yet."}
          </p>
        )}
        <table className="min-w-full divide-y divide-slate-100 text-sm">
          <caption className="sr-only">Health score components</caption>
          <thead className="text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th className="py-2 pr-4">Component</th>
              <th className="py-2 pr-4 text-right">Weight</th>
              <th className="py-2 pr-4 text-right">Score</th>
              <th className="py-2 pr-4">Now</th>
              <th className="py-2">Rule</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {HEALTH_COMPONENTS.map((component) => {
              const part = health.components[component.key];
              return (
                <tr key={component.key}>
                  <td className="py-2 pr-4 font-medium text-slate-900">{component.label}</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{component.weight}%</td>
                  <td className="py-2 pr-4 text-right tabular-nums">{part?.score ?? "—"}</td>
                  <td className="py-2 pr-4 text-slate-700">{part?.detail ?? "—"}</td>
                  <td className="py-2 text-xs text-slate-500">{component.rule}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>

      <Card title="History" description="One score a day, from the nightly job and on-demand recomputes.">
        {health.history.length > 1 ? (
          <LineChart
            title="Health score by day"
            labels={health.history.map((row) => formatDate(row.day))}
            series={[
              { key: "score", label: "Health score", values: health.history.map((row) => row.score), tone: "brand" },
            ]}
          />
        ) : (
          <p className="text-sm text-slate-500">The chart fills in as the nightly job scores this client each day.</p>
        )}
      </Card>

      <Card title="NPS" description="Answers from this client's owners and dispatchers over the last 180 days.">
        <p className="text-sm text-slate-700">
          <span className="text-2xl font-semibold text-slate-900 tabular-nums">
            {nps.platform.responses > 0 ? nps.platform.nps : "—"}
          </span>{" "}
          from {nps.platform.responses} answer{nps.platform.responses === 1 ? "" : "s"} ({nps.platform.promoters}{" "}
          promoters, {nps.platform.passives} passives, {nps.platform.detractors} detractors)
        </p>
        {nps.comments.length > 0 ? (
          <ul className="mt-3 space-y-2 text-sm">
            {nps.comments.map((comment) => (
              <li key={comment.id} className="whitespace-pre-wrap text-slate-700">
                <span className="font-semibold tabular-nums">{comment.score}</span> — {comment.comment}{" "}
                <span className="text-xs text-slate-500">{formatDate(comment.respondedAt)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}
