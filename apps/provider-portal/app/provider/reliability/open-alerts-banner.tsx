import { listOpenAlerts } from "@pp/core/alerts/list-open-alerts";
import { Badge } from "@pp/ui/badge";
import { formatDateTime } from "@pp/ui/format";
import Link from "next/link";

/** The open SLO and spike alerts, for the Action Center: nothing when all is quiet. */
export async function OpenAlertsBanner({ href }: { href?: string }) {
  const open = await listOpenAlerts();
  if (open.length === 0) return null;
  return (
    <section
      aria-label="Open alerts"
      className="mb-6 rounded-card border border-danger-200 bg-danger-50 px-4 py-3 text-sm"
      data-open-alerts={open.length}
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <h2 className="font-semibold text-danger-800">
          {open.length} open alert{open.length === 1 ? "" : "s"}
        </h2>
        {href ? (
          <Link href={href} className="text-danger-800 underline">
            Open Reliability
          </Link>
        ) : null}
      </div>
      <ul className="space-y-1">
        {open.slice(0, 5).map((alert) => (
          <li key={alert.id} className="flex flex-wrap items-center gap-2">
            <Badge tone={alert.severity === "critical" ? "danger" : "warn"}>{alert.severity}</Badge>
            <span className="text-slate-900">{alert.title}</span>
            <span className="text-xs text-slate-500">since {formatDateTime(alert.firedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
