import { getProviderKpis } from "@pp/core/dashboard/get-provider-kpis";
import { getMrrAt } from "@pp/core/revenue/get-mrr-at";
import { listTenants } from "@pp/core/tenants/list-tenants";
import { startOfUtcMonth } from "@pp/core/tenants/start-of-utc-month";
import { StatusBadge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card, KpiCard } from "@pp/ui/card";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCents, formatCount, formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import {
  Activity,
  Building2,
  CalendarPlus,
  FlaskConical,
  MessageSquareWarning,
  Receipt,
  TrendingUp,
} from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { tradeLabel } from "@/lib/labels";
import { linkIfAvailable, permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Dashboard" };
export const dynamic = "force-dynamic";

const NEWEST_COUNT = 5;

export default async function DashboardPage() {
  const staff = await requireStaff(permissionFor("/provider"));
  const [kpis, newest, mrr] = await Promise.all([
    getProviderKpis(),
    listTenants({ sort: "created", direction: "desc", limit: NEWEST_COUNT }),
    getMrrAt(),
  ]);
  const revenue = linkIfAvailable(staff.role, "/provider/revenue-intelligence");
  const clients = (query: string) => linkIfAvailable(staff.role, "/provider/clients", query);

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`Counted from live data at ${formatDateTime(kpis.asOf)}.`}
        actions={<ButtonLink href="/provider/clients">View all clients</ButtonLink>}
      />
      <section aria-label="Key numbers" className="grid grid-cols-2 gap-4 md:grid-cols-4">
        <KpiCard
          label="MRR"
          value={formatCents(mrr.mrrCents)}
          hint={`${formatCount(mrr.payingTenants)} paying clients · from the MRR ledger`}
          href={revenue}
          icon={<TrendingUp />}
        />
        <KpiCard
          label="ARR"
          value={formatCents(mrr.mrrCents * 12)}
          hint="MRR × 12"
          href={revenue}
          icon={<TrendingUp />}
        />
        <KpiCard
          label="Active tenants"
          value={formatCount(kpis.activeTenants)}
          hint={kpis.pastDueTenants > 0 ? `Plus ${formatCount(kpis.pastDueTenants)} past due` : "Status active"}
          href={clients("?status=active")}
          icon={<Building2 />}
        />
        <KpiCard
          label="New this month"
          value={formatCount(kpis.newThisMonth)}
          hint="Created since the 1st (UTC)"
          href={clients(
            `?createdFrom=${startOfUtcMonth(kpis.asOf).toISOString().slice(0, 10)}&sort=created&direction=desc`,
          )}
          icon={<CalendarPlus />}
        />
        <KpiCard
          label="Trialing"
          value={formatCount(kpis.trialingTenants)}
          hint="Tenants on a trial"
          href={clients("?status=trial")}
          icon={<FlaskConical />}
        />
        <KpiCard
          label="Disputes pending"
          value={formatCount(kpis.disputesPending)}
          hint="Lead disputes awaiting a decision"
          tone={kpis.disputesPending > 0 ? "warn" : "neutral"}
          href={linkIfAvailable(staff.role, "/provider/action-center", "?bucket=disputesPending")}
          icon={<MessageSquareWarning />}
        />
        <KpiCard
          label="Overdue invoices"
          value={formatCount(kpis.invoicesOverdue)}
          hint={
            kpis.invoicesOverdue > 0
              ? `${formatCents(kpis.invoicesOverdueAmountCents)} past due date`
              : "Nothing overdue"
          }
          tone={kpis.invoicesOverdue > 0 ? "danger" : "neutral"}
          href={linkIfAvailable(staff.role, "/provider/billing", "?overdue=true")}
          icon={<Receipt />}
        />
        <KpiCard
          label="API requests, 24h"
          value={formatCount(kpis.apiRequests24h)}
          hint="All apps and tenants"
          href={linkIfAvailable(staff.role, "/provider/api-usage", "?range=24h")}
          icon={<Activity />}
        />
      </section>

      <Card
        className="mt-6"
        title="Newest tenants"
        description="The latest sign-ups appear here the moment they exist."
        bodyClassName={newest.data.length > 0 ? "p-0" : undefined}
        actions={
          newest.data.length > 0 ? (
            <Link
              href="/provider/clients?sort=created&direction=desc"
              className="text-sm font-medium text-brand-700 hover:text-brand-800"
            >
              See all
            </Link>
          ) : undefined
        }
      >
        {newest.data.length === 0 ? (
          <EmptyState
            className="border-0"
            icon={<Building2 />}
            title="No tenants yet"
            description={
              <>
                Run <code className="rounded bg-slate-100 px-1 font-mono text-xs">npm run seed:test-tenant</code> or
                create one from Tenant Onboarding.
              </>
            }
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {newest.data.map((tenant) => (
              <li key={tenant.id} className="flex items-center justify-between gap-4 px-5 py-3">
                <div className="min-w-0">
                  <Link
                    href={`/provider/clients/${tenant.id}`}
                    className="font-medium text-slate-900 hover:text-brand-700"
                  >
                    {tenant.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {tradeLabel(tenant.trade)} · {tenant.plan?.name ?? "No plan"} · created{" "}
                    {formatDateTime(tenant.createdAt)}
                  </p>
                </div>
                <StatusBadge status={tenant.status} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
