import { isSubscribedToAlerts } from "@pp/core/alerts/is-subscribed-to-alerts";
import { listOpenAlerts } from "@pp/core/alerts/list-open-alerts";
import { getSloReport, type SloReport } from "@pp/core/slo/get-slo-report";
import { Badge } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCount, formatDateTime } from "@pp/ui/format";
import { LineChart } from "@pp/ui/line-chart";
import { PageHeader } from "@pp/ui/page-header";
import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { AlertSubscriptionToggle } from "./alert-subscription-toggle";

export const metadata: Metadata = { title: "Reliability" };
export const dynamic = "force-dynamic";

const PATH = "/provider/reliability";

function percent(value: number | null, digits = 3): string {
  return value === null ? "—" : `${(value * 100).toFixed(digits)} %`;
}

function budgetTone(left: number | null) {
  if (left === null) return "neutral" as const;
  if (left <= 0) return "danger" as const;
  if (left < 0.25) return "warn" as const;
  return "success" as const;
}

function SloPanel({ report }: { report: SloReport }) {
  const { slo } = report;
  const p95 = report.p95 ? `${report.p95.aboveLastBound ? "> " : ""}${formatCount(report.p95.ms)} ms` : "—";
  return (
    <Card
      title={slo.name}
      description={slo.description}
      actions={
        report.openAlerts.length > 0 ? (
          <Badge tone="danger">{report.openAlerts.length} firing</Badge>
        ) : (
          <Badge tone="success">No alerts</Badge>
        )
      }
    >
      <div data-slo={slo.key}>
        <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-4">
          <div>
            <dt className="text-xs text-slate-500">Availability (28 d)</dt>
            <dd className="text-lg font-semibold text-slate-900">{percent(report.availability)}</dd>
            <dd className="text-xs text-slate-500">target {percent(slo.availabilityObjective, 1)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">p95 latency (28 d)</dt>
            <dd className="text-lg font-semibold text-slate-900">{p95}</dd>
            <dd className="text-xs text-slate-500">target ≤ {formatCount(slo.latencyThresholdMs)} ms</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Error budget left</dt>
            <dd>
              <Badge tone={budgetTone(report.availabilityBudgetLeft)}>
                {percent(report.availabilityBudgetLeft, 1)}
              </Badge>
            </dd>
            <dd className="mt-1 text-xs text-slate-500">latency: {percent(report.latencyBudgetLeft, 1)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">Requests (28 d)</dt>
            <dd className="text-lg font-semibold text-slate-900">{formatCount(report.requests)}</dd>
          </div>
        </dl>
        <div className="mt-4">
          <LineChart
            title={`${slo.name}: hourly burn rate, last 7 days`}
            labels={report.hourly.map((point) => point.hour.slice(5, 13).replace("T", " "))}
            series={[
              {
                key: "availability",
                label: "Availability burn rate (×)",
                values: report.hourly.map((p) => p.burnRate),
                tone: "danger",
              },
              {
                key: "latency",
                label: "Latency burn rate (×)",
                values: report.hourly.map((p) => p.latencyBurnRate),
                tone: "warn",
              },
            ]}
          />
        </div>
        <table className="mt-4 w-full text-xs" aria-label={`${slo.name} burn-rate alert windows`}>
          <thead className="text-left text-slate-500 uppercase">
            <tr>
              <th className="py-1">Rule</th>
              <th className="py-1">SLI</th>
              <th className="py-1">Long window</th>
              <th className="py-1">Short window</th>
              <th className="py-1">Fires at</th>
            </tr>
          </thead>
          <tbody>
            {report.burnRates.map((rate) => (
              <tr key={`${rate.rule}-${rate.sli}`} className={rate.firing ? "text-danger-700" : "text-slate-700"}>
                <td className="py-1">{rate.rule}</td>
                <td className="py-1">{rate.sli}</td>
                <td className="py-1">{rate.long}×</td>
                <td className="py-1">{rate.short}×</td>
                <td className="py-1">≥ {rate.threshold}×</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

export default async function ReliabilityPage() {
  const staff = await requireStaff(permissionFor(PATH));
  const [reports, open, subscribed] = await Promise.all([
    getSloReport(),
    listOpenAlerts(),
    isSubscribedToAlerts(staff.userId),
  ]);
  return (
    <>
      <PageHeader
        title="Reliability"
        description="SLOs over 28 days from the usage rollups, error budgets, and the burn-rate and 401/403/429 spike alerts checked every minute."
        actions={<AlertSubscriptionToggle subscribed={subscribed} />}
      />
      <Card title="Open alerts" className="mb-6">
        {open.length === 0 ? (
          <EmptyState
            icon={<BellOff />}
            title="No open alerts"
            description="Alerts open here when an error budget burns too fast or 401/403/429 responses spike, and close on their own when it clears."
          />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Open alerts">
            {open.map((alert) => (
              <li
                key={alert.id}
                className="flex flex-wrap items-center gap-2 py-2 text-sm"
                data-alert={alert.fingerprint}
              >
                <Badge tone={alert.severity === "critical" ? "danger" : "warn"}>{alert.severity}</Badge>
                <span className="font-medium text-slate-900">{alert.title}</span>
                <span className="text-xs text-slate-500">since {formatDateTime(alert.firedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="space-y-6">
        {reports.map((report) => (
          <SloPanel key={report.slo.key} report={report} />
        ))}
      </div>
    </>
  );
}
