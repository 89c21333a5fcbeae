import { isAppError } from "@pp/core/errors";
import { getTenantOverview, type TenantOverview } from "@pp/core/tenants/get-tenant-overview";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCents, formatCount, formatDate, formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Tabs } from "@pp/ui/tabs";
import { History } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { cache } from "react";
import { tradeLabel } from "@/lib/labels";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { clientTabs } from "./tabs";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

/** One query per request for metadata and page alike; an unknown id is the 404 page. */
const loadOverview = cache(async (tenantId: string): Promise<TenantOverview> => {
  try {
    return await getTenantOverview({ tenantId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff(permissionFor("/provider/clients"));
  const { id } = await params;
  const overview = await loadOverview(id);
  return { title: overview.tenant.name };
}

export default async function ClientOverviewPage({ params }: Props) {
  await requireStaff(permissionFor("/provider/clients"));
  const { id } = await params;
  const overview = await loadOverview(id);
  const { tenant, subscription } = overview;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/provider/clients" className="hover:text-slate-700">
            ← Clients
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            {tenant.name}
            <StatusBadge status={tenant.status} />
          </span>
        }
        description={
          <span>
            {tradeLabel(tenant.trade)}
            {tenant.region ? ` · ${tenant.region}` : ""} · <span className="font-mono">{tenant.slug}</span> · client
            since {formatDate(tenant.createdAt)}
          </span>
        }
      />

      <dl className="mb-6 grid grid-cols-2 gap-px overflow-hidden rounded-card border border-line bg-slate-200 shadow-card md:grid-cols-3 xl:grid-cols-6">
        <Fact label="Owner">
          {overview.owner ? (
            <>
              {overview.owner.name}
              <span className="block truncate text-xs font-normal text-slate-500">{overview.owner.email}</span>
            </>
          ) : (
            <Muted>No owner yet</Muted>
          )}
        </Fact>
        <Fact label="Plan">{overview.plan?.name ?? subscription?.planName ?? <Muted>No plan</Muted>}</Fact>
        <Fact label="Renewal date">
          {overview.renewalDate ? formatDate(overview.renewalDate) : <Muted>No current subscription</Muted>}
        </Fact>
        <Fact label="ARR">{formatCents(overview.arrCents, subscription?.currency ?? "USD", { compact: true })}</Fact>
        <Fact label="CSM">{overview.csm?.name ?? <Muted>Unassigned</Muted>}</Fact>
        <Fact label="Onboarding">
          <StatusBadge status={tenant.onboardingStatus} />
        </Fact>
      </dl>

      <Tabs label="Client 360" items={clientTabs(tenant.id)} current="overview" />

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

        <Card
          className="lg:col-span-2"
          title="Recent activity"
          description="The latest audit events for this tenant."
          bodyClassName={overview.recentActivity.length > 0 ? "p-0" : undefined}
        >
          {overview.recentActivity.length === 0 ? (
            <EmptyState
              className="border-0 py-6"
              icon={<History />}
              title="No activity recorded yet"
              description="Changes to this tenant by staff, its team or its API keys appear here as they happen."
            />
          ) : (
            <table className="min-w-full divide-y divide-slate-100 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
                <tr>
                  <th className="px-5 py-2">When</th>
                  <th className="px-5 py-2">Who</th>
                  <th className="px-5 py-2">Action</th>
                  <th className="px-5 py-2">Target</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {overview.recentActivity.map((event) => (
                  <tr key={event.id}>
                    <td className="px-5 py-2.5 whitespace-nowrap text-slate-500">{formatDateTime(event.at)}</td>
                    <td className="px-5 py-2.5 text-slate-700">{event.actor}</td>
                    <td className="px-5 py-2.5 font-mono text-xs text-slate-700">{event.action}</td>
                    <td className="px-5 py-2.5 font-mono text-xs text-slate-500">{event.target ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="bg-surface px-4 py-3">
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-sm font-semibold text-slate-900">{children}</dd>
    </div>
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
