import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { getIncidentOrThrow } from "@pp/core/incidents/get-incident-or-throw";
import { listIncidentAssignees } from "@pp/core/incidents/list-incident-assignees";
import type { SlaClock } from "@pp/core/incidents/sla-clock";
import { Badge, StatusBadge, statusLabel } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { linkIfAvailable } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { formatDuration } from "../sla-clock-badge";
import { IncidentActions } from "./incident-actions";

export const metadata: Metadata = { title: "Incident" };
export const dynamic = "force-dynamic";

const STATE_TONES = { on_track: "success", about_to_breach: "warn", breached: "danger" } as const;

function ClockCard({ name, clock, now }: { name: string; clock: SlaClock; now: Date }) {
  const left = clock.dueAt.getTime() - now.getTime();
  return (
    <div className="rounded-lg border border-line p-3" data-clock={name}>
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium text-slate-900">{name}</span>
        {clock.phase === "stopped" ? (
          <Badge tone={clock.state === "breached" ? "danger" : "success"}>
            {clock.state === "breached" ? "Missed" : "Met"}
          </Badge>
        ) : (
          <Badge tone={STATE_TONES[clock.state]}>{statusLabel(clock.state)}</Badge>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-600">
        {formatDuration(clock.elapsedMs)} of {formatDuration(clock.targetMs)} used ·{" "}
        {clock.phase === "stopped"
          ? `stopped ${formatDateTime(clock.stoppedAt)}`
          : clock.phase === "paused"
            ? `paused since ${formatDateTime(clock.stoppedAt)} (waiting on customer)`
            : left >= 0
              ? `due ${formatDateTime(clock.dueAt)}`
              : `overdue since ${formatDateTime(clock.dueAt)}`}
      </p>
    </div>
  );
}

const EVENT_LABELS: Record<string, string> = {
  created: "Opened",
  acknowledged: "Acknowledged",
  assigned: "Assignment changed",
  update: "Update",
  waiting_on_customer: "Waiting on customer",
  resumed: "Work resumed",
  customer_replied: "Customer replied",
  resolved: "Resolved",
  reopened: "Reopened",
  escalated: "Escalated",
};

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requireStaff("incidents:read");
  const { id } = await params;
  const now = new Date();
  const detail = await getIncidentOrThrow({ incidentId: id, now }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const { incident } = detail;
  const assignees = await listIncidentAssignees();
  const clientHref = incident.tenantId
    ? linkIfAvailable(staff.role, "/provider/clients", `/${incident.tenantId}`)
    : undefined;

  return (
    <>
      <PageHeader
        eyebrow="Support & Incidents"
        title={incident.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={incident.severity === "sev1" || incident.severity === "sev2" ? "danger" : "neutral"}>
              {incident.severity.toUpperCase()}
            </Badge>
            <StatusBadge status={incident.status} />
            {incident.escalationLevel > 0 ? (
              <Badge tone="warn">Escalation level {incident.escalationLevel}</Badge>
            ) : null}
            {incident.source === "tenant" ? <span className="text-xs text-slate-500">Support request</span> : null}
          </span>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title="SLA clocks">
            <div className="grid gap-3 sm:grid-cols-2">
              <ClockCard name="Acknowledge" clock={detail.clocks.acknowledge} now={now} />
              <ClockCard name="Resolve" clock={detail.clocks.resolve} now={now} />
            </div>
          </Card>
          {incident.resolutionNote ? (
            <Card title="Resolution">
              <p className="text-sm whitespace-pre-wrap text-slate-700">{incident.resolutionNote}</p>
            </Card>
          ) : null}
          <Card title="History" description="Every change, oldest first. Customer-visible entries are marked.">
            <ol className="space-y-3" aria-label="Incident history">
              {detail.events.map((event) => (
                <li key={event.id} className="border-l-2 border-line pl-3" data-event={event.kind}>
                  <div className="flex flex-wrap items-center gap-2 text-sm">
                    <span className="font-medium text-slate-900">
                      {EVENT_LABELS[event.kind] ?? statusLabel(event.kind)}
                    </span>
                    {event.visibility === "customer" ? <Badge tone="brand">Customer sees</Badge> : null}
                    <span className="text-xs text-slate-500">
                      {event.actorName ?? "System"} · {formatDateTime(event.at)}
                    </span>
                  </div>
                  {event.note ? <p className="mt-1 text-sm whitespace-pre-wrap text-slate-700">{event.note}</p> : null}
                </li>
              ))}
            </ol>
          </Card>
        </div>
        <div className="space-y-4">
          <Card title="Details">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Client</dt>
                <dd>
                  {clientHref ? (
                    <Link href={clientHref} className="text-brand-700 hover:underline">
                      {detail.tenantName}
                    </Link>
                  ) : (
                    (detail.tenantName ?? "Platform (all clients)")
                  )}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Opened</dt>
                <dd>{formatDateTime(incident.openedAt)}</dd>
              </div>
              {detail.requesterName ? (
                <div>
                  <dt className="text-xs text-slate-500">Requested by</dt>
                  <dd>{detail.requesterName}</dd>
                </div>
              ) : null}
              <div>
                <dt className="text-xs text-slate-500">Assignee</dt>
                <dd>{detail.assigneeName ?? "Unassigned"}</dd>
              </div>
            </dl>
          </Card>
          {staffCan(staff.role, "incidents:write") ? (
            <IncidentActions
              incidentId={incident.id}
              status={incident.status}
              acknowledged={incident.acknowledgedAt !== null}
              assigneeId={incident.assigneeId}
              assignees={assignees}
              hasRequester={incident.requestedById !== null}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}
