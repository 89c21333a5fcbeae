import { staffCan } from "@pp/core/auth/permissions";
import { getClientPlaybooks } from "@pp/core/playbooks/get-client-playbooks";
import { listAssignableStaff } from "@pp/core/success/list-assignable-staff";
import { listOpenIncidents } from "@pp/core/success/list-open-incidents";
import { listTimeline } from "@pp/core/success/list-timeline";
import { Badge, StatusBadge, statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCents, formatCount, formatDate, formatDateTime } from "@pp/ui/format";
import type { UrlParams } from "@pp/ui/url";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { ZTimelineQuery } from "../../../api/provider/tenants/[id]/timeline/schema";
import { loadOverview } from "./load-client";
import { PlaybookCards } from "./playbook-cards";
import { TaskForm } from "./task-form";
import { Timeline } from "./timeline";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<UrlParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff(permissionFor("/provider/clients"));
  const { id } = await params;
  const overview = await loadOverview(id);
  return { title: overview.tenant.name };
}

/** Client 360 › Overview: incidents, quick task, playbooks, the timeline and the account's facts. */
export default async function ClientOverviewPage({ params, searchParams }: Props) {
  const staff = await requireStaff(permissionFor("/provider/clients"));
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const overview = await loadOverview(id);
  const { tenant, subscription } = overview;
  const canWrite = staffCan(staff.role, "success:write");
  const { kinds = [], cursor } = parsePageParams(ZTimelineQuery, query);
  const [incidents, playbooks, timeline, assignable] = await Promise.all([
    listOpenIncidents({ tenantId: tenant.id }),
    getClientPlaybooks({ tenantId: tenant.id }),
    listTimeline({ tenantId: tenant.id, kinds, cursor, limit: 20 }),
    canWrite ? listAssignableStaff() : Promise.resolve([]),
  ]);

  return (
    <>
      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card
          title="Open incidents"
          description="Unresolved incidents for this client, with their SLA and escalation."
          actions={
            staffCan(staff.role, "incidents:write") ? (
              <ButtonLink href={`/provider/incidents/new?tenantId=${tenant.id}`} size="sm">
                Open incident
              </ButtonLink>
            ) : null
          }
        >
          {incidents.length === 0 ? (
            <p className="text-sm text-slate-500">No open incidents.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {incidents.map((incident) => (
                <li key={incident.id} id={`incident-${incident.id}`} className="flex flex-wrap items-center gap-2">
                  <Badge tone={incident.severity === "sev1" || incident.severity === "sev2" ? "danger" : "warn"}>
                    {incident.severity.toUpperCase()}
                  </Badge>
                  <span className="font-medium text-slate-900">{incident.title}</span>
                  <span className="text-slate-500">
                    {statusLabel(incident.status)} · escalation level {incident.escalationLevel} · opened{" "}
                    {formatDateTime(incident.openedAt)} ·{" "}
                    {incident.acknowledgedAt
                      ? `resolve by ${formatDateTime(incident.resolveDueAt)}`
                      : `acknowledge by ${formatDateTime(incident.ackDueAt)}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Quick task" description="A follow-up for this client; it goes on the timeline and into My tasks.">
          {canWrite ? (
            <TaskForm tenantId={tenant.id} staff={assignable} currentUserId={staff.userId} />
          ) : (
            <p className="text-sm text-slate-500">Your role can read tasks but not create them.</p>
          )}
        </Card>
      </div>

      <section id="playbooks" aria-labelledby="playbooks-heading" className="mb-6">
        <h2 id="playbooks-heading" className="mb-2 text-sm font-semibold text-slate-900">
          Playbooks
        </h2>
        <PlaybookCards tenantId={tenant.id} playbooks={playbooks} canStart={canWrite} />
      </section>

      <div className="mb-6">
        <Timeline tenantId={tenant.id} page={timeline} kinds={kinds} params={query} />
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Subscription" description="The current active, trialing or past-due subscription.">
          {subscription ? (
            <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
              <Detail label="Plan">{subscription.planName}</Detail>
              <Detail label="Status">
                <StatusBadge status={subscription.status} />
              </Detail>
              <Detail label="Current period">
                {formatDate(subscription.currentPeriodStart)} – {formatDate(subscription.currentPeriodEnd)}
              </Detail>
              <Detail label="MRR">{formatCents(subscription.mrrCents, subscription.currency)}</Detail>
              <Detail label="Coupon">
                {subscription.coupon ? (
                  `${subscription.coupon.name} (${subscription.coupon.code})`
                ) : (
                  <Muted>None</Muted>
                )}
              </Detail>
              <Detail label="Renews">
                {subscription.cancelAtPeriodEnd ? (
                  <span className="text-warn-700">Cancels at period end</span>
                ) : subscription.trialEnd && subscription.status === "trialing" ? (
                  `Trial ends ${formatDate(subscription.trialEnd)}`
                ) : (
                  "Automatically"
                )}
              </Detail>
            </dl>
          ) : (
            <EmptyState
              className="border-0 py-6"
              title="No current subscription"
              description="The tenant has no active, trialing or past-due subscription. Pricing & Offers will let you start one."
            />
          )}
        </Card>

        <Card title="Invoices" description="Open balances and the latest payment.">
          <dl className="grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
            <Detail label="Open invoices">{formatCount(overview.invoices.openCount)}</Detail>
            <Detail label="Amount due">{formatCents(overview.invoices.amountDueCents)}</Detail>
            <Detail label="Overdue">
              {overview.invoices.overdueCount > 0 ? (
                <span className="font-medium text-danger-700">
                  {formatCount(overview.invoices.overdueCount)} · {formatCents(overview.invoices.overdueAmountCents)}
                </span>
              ) : (
                "None"
              )}
            </Detail>
            <Detail label="Last paid">
              {overview.invoices.lastPaid ? (
                <>
                  {formatDate(overview.invoices.lastPaid.paidAt)} · {formatCents(overview.invoices.lastPaid.totalCents)}
                  <span className="block font-mono text-xs text-slate-400">{overview.invoices.lastPaid.number}</span>
                </>
              ) : (
                <Muted>No payment yet</Muted>
              )}
            </Detail>
          </dl>
        </Card>

        <Card title="Leads this month" description="Received since the 1st (UTC), by source.">
          <p className="text-2xl font-semibold text-slate-900 tabular-nums">
            {formatCount(overview.leadsThisMonth.total)}
          </p>
          {overview.leadsThisMonth.bySource.length > 0 ? (
            <ul className="mt-3 space-y-1.5 text-sm">
              {overview.leadsThisMonth.bySource.map((row) => (
                <li key={row.source} className="flex items-center justify-between">
                  <span className="text-slate-600">{statusLabel(row.source)}</span>
                  <span className="font-medium text-slate-900 tabular-nums">{formatCount(row.count)}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1 text-sm text-slate-500">No leads received yet this month.</p>
          )}
        </Card>

        <Card title="Lead disputes" description="All disputes this tenant has raised.">
          <dl className="grid grid-cols-3 gap-4 text-sm">
            <Detail label="Pending">
              <span className={overview.disputes.pending > 0 ? "font-semibold text-warn-700" : undefined}>
                {formatCount(overview.disputes.pending)}
              </span>
            </Detail>
            <Detail label="Approved">{formatCount(overview.disputes.approved)}</Detail>
            <Detail label="Rejected">{formatCount(overview.disputes.rejected)}</Detail>
          </dl>
        </Card>
      </div>
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="font-normal text-slate-400">{children}</span>;
}
