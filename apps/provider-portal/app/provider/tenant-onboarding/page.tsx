import { staffCan } from "@pp/core/auth/permissions";
import {
  listOnboardingTenants,
  type OnboardingListItem,
  ZOnboardingListQuery,
} from "@pp/core/onboarding/list-onboarding-tenants";
import { STALLED_AFTER_DAYS, summarizeOnboarding } from "@pp/core/onboarding/summarize-onboarding";
import { loadFirstPageIfStale } from "@pp/core/pagination";
import { Badge, StatusBadge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card, KpiCard } from "@pp/ui/card";
import type { Column } from "@pp/ui/data-table";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatDate } from "@pp/ui/format";
import { StartOnboardingButton } from "@pp/ui/onboarding/start-onboarding-button";
import { PageHeader } from "@pp/ui/page-header";
import { PagedTable } from "@pp/ui/paged-table";
import type { UrlParams } from "@pp/ui/url";
import { ClipboardList } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { tradeLabel } from "@/lib/labels";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Tenant Onboarding" };
export const dynamic = "force-dynamic";

const PATH = "/provider/tenant-onboarding";
const STATUS_OPTIONS = [
  { value: "in_progress", label: "In progress" },
  { value: "stalled", label: `Stalled (no progress in ${STALLED_AFTER_DAYS} days)` },
  { value: "not_started", label: "Not started" },
  { value: "completed", label: "Completed" },
];
const TRADE_OPTIONS = [
  { value: "plumbing", label: "Plumbing" },
  { value: "electrical", label: "Electrical" },
  { value: "hvac", label: "HVAC" },
];

// /provider/tenant-onboarding – tenants in onboarding: progress, readiness, stalled, the step funnel and time-to-live.
export default async function TenantOnboardingPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff("onboarding:read");
  const params = await searchParams;
  const query = parsePageParams(ZOnboardingListQuery, params);
  const now = new Date();
  const [overview, loaded] = await Promise.all([
    summarizeOnboarding({ now }),
    loadFirstPageIfStale(query.cursor, (cursor) => listOnboardingTenants({ ...query, cursor, now })),
  ]);
  const canWrite = staffCan(staff.role, "onboarding:write");
  const started = overview.totals.started;
  const maxTtl = Math.max(1, ...overview.timeToLive.map((bucket) => bucket.count));

  const columns: Column<OnboardingListItem>[] = [
    {
      key: "name",
      header: "Tenant",
      cell: (row) => (
        <div className="flex flex-col">
          {row.started ? (
            <Link
              href={`${PATH}/${row.tenantId}`}
              className="font-medium whitespace-nowrap text-slate-900 hover:text-brand-700 hover:underline"
            >
              {row.name}
            </Link>
          ) : (
            <span className="font-medium whitespace-nowrap text-slate-900">{row.name}</span>
          )}
          <span className="text-xs text-slate-600">{tradeLabel(row.trade)}</span>
        </div>
      ),
    },
    {
      key: "status",
      header: "Onboarding",
      cell: (row) => (
        <span className="flex items-center gap-1.5">
          <StatusBadge status={row.status} />
          {row.stalled ? <Badge tone="danger">Stalled</Badge> : null}
        </span>
      ),
    },
    {
      key: "progress",
      header: "Progress",
      cell: (row) =>
        row.started ? (
          <div className="flex min-w-32 items-center gap-2">
            <div
              role="progressbar"
              aria-label={`${row.name} readiness`}
              aria-valuenow={row.readinessScore}
              aria-valuemin={0}
              aria-valuemax={100}
              className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
            >
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${row.readinessScore}%` }} />
            </div>
            <span className="text-xs whitespace-nowrap text-slate-600">
              {row.readinessScore}% · {row.stepsCompleted}/{row.stepsTotal} steps
            </span>
          </div>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
    {
      key: "days",
      header: "Signed up",
      align: "right",
      cell: (row) => <span className="whitespace-nowrap">{row.daysSinceSignUp} d ago</span>,
    },
    {
      key: "last",
      header: "Last progress",
      cell: (row) => (row.lastProgressAt ? formatDate(row.lastProgressAt) : <span className="text-slate-400">—</span>),
    },
    {
      key: "live",
      header: "Time to live",
      align: "right",
      cell: (row) =>
        row.timeToLiveDays === null ? <span className="text-slate-400">—</span> : `${row.timeToLiveDays} d`,
    },
    {
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (row) =>
        row.started ? (
          <ButtonLink href={`${PATH}/${row.tenantId}`} size="sm">
            Open checklist
          </ButtonLink>
        ) : canWrite ? (
          <StartOnboardingButton
            url={`/api/provider/onboarding/${row.tenantId}`}
            checklistHref={`${PATH}/${row.tenantId}`}
            tenantName={row.name}
          />
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="Tenant Onboarding"
        description="Business onboarding for each contractor: a trade checklist whose steps set up the tenant, from company profile to go-live."
      />
      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <KpiCard label="In progress" value={overview.totals.inProgress} href={`${PATH}?status=in_progress`} />
        <KpiCard
          label="Stalled"
          value={overview.totals.stalled}
          hint={`No progress in ${STALLED_AFTER_DAYS} days`}
          tone={overview.totals.stalled > 0 ? "warn" : "neutral"}
          href={`${PATH}?status=stalled`}
        />
        <KpiCard label="Not started" value={overview.totals.notStarted} href={`${PATH}?status=not_started`} />
        <KpiCard label="Completed" value={overview.totals.completed} href={`${PATH}?status=completed`} />
      </div>
      <div className="mb-6 grid gap-4 lg:grid-cols-2">
        <Card
          title="Onboarding funnel"
          description={`How many of the ${started} started checklists completed each step`}
        >
          {started === 0 ? (
            <p className="text-sm text-slate-500">No onboarding has started yet.</p>
          ) : (
            <ol className="flex flex-col gap-1.5" aria-label="Onboarding funnel">
              {overview.funnel.map((step) => (
                <li key={step.key} className="grid grid-cols-[10rem_1fr_3rem] items-center gap-2 text-xs">
                  <span className="truncate text-slate-700">{step.title}</span>
                  <span className="h-2 overflow-hidden rounded-full bg-slate-100">
                    <span
                      className="block h-full bg-brand-600"
                      style={{ width: `${(step.reached / started) * 100}%` }}
                    />
                  </span>
                  <span className="text-right text-slate-600">
                    {step.reached}/{started}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
        <Card title="Time to live" description="Completed onboardings by days from sign-up to go-live">
          <ol className="flex flex-col gap-1.5" aria-label="Time to live distribution">
            {overview.timeToLive.map((bucket) => (
              <li key={bucket.label} className="grid grid-cols-[6rem_1fr_3rem] items-center gap-2 text-xs">
                <span className="text-slate-700">{bucket.label}</span>
                <span className="h-2 overflow-hidden rounded-full bg-slate-100">
                  <span
                    className="block h-full bg-success-600"
                    style={{ width: `${(bucket.count / maxTtl) * 100}%` }}
                  />
                </span>
                <span className="text-right text-slate-600">{bucket.count}</span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          { kind: "select", name: "status", label: "Status", options: STATUS_OPTIONS },
          { kind: "select", name: "trade", label: "Trade", options: TRADE_OPTIONS },
        ]}
      />
      <PagedTable
        caption="Tenants in onboarding"
        columns={columns}
        loaded={loaded}
        rowKey={(row) => row.tenantId}
        pathname={PATH}
        params={params}
        empty={{
          filtered: Boolean(query.status || query.trade),
          filteredTitle: "No tenants match these filters",
          filteredDescription: "Try another status, or clear the filters.",
          icon: <ClipboardList />,
          title: "Every tenant has finished onboarding",
          description: "New sign-ups appear here; filter by Completed to review finished checklists.",
          action: <ButtonLink href={`${PATH}?status=completed`}>Show completed</ButtonLink>,
        }}
      />
    </>
  );
}
