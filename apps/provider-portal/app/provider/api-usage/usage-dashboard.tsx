import { isAppError } from "@pp/core/errors";
import {
  API_USAGE_METHODS,
  API_USAGE_STATUS_CLASSES,
  type ApiUsageBucket,
  type TApiUsageFilters,
} from "@pp/core/usage/api-usage-filters";
import type { LatencyEstimate } from "@pp/core/usage/api-usage-percentiles";
import { type ApiUsageTrend, getApiUsageTrend } from "@pp/core/usage/get-api-usage-trend";
import { type EndpointUsage, listEndpointUsage } from "@pp/core/usage/list-endpoint-usage";
import { listTenantUsage, type TenantUsage } from "@pp/core/usage/list-tenant-usage";
import { Badge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card, KpiCard } from "@pp/ui/card";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar, type FilterField } from "@pp/ui/filter-bar";
import { formatBytes, formatCount, formatPercent } from "@pp/ui/format";
import { LineChart } from "@pp/ui/line-chart";
import { Pagination } from "@pp/ui/pagination";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { Activity, Download, SearchX, Users } from "lucide-react";
import Link from "next/link";
import type { z } from "zod";
import { parsePageParams } from "@/lib/query-params";
import { ZApiUsageQuery, ZTenantUsageQuery } from "../../api/provider/usage/schema";
import { EditRateLimitButton } from "./edit-rate-limit-dialog";

const FILTERS = ["range", "from", "to", "tenantId", "route", "method", "statusClass"] as const;

const RANGE_OPTIONS = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "90d", label: "Last 90 days" },
  { value: "custom", label: "Custom (from – to)" },
];

const ZTableParams = ZTenantUsageQuery.pick({ sort: true, direction: true, cursor: true });

/**
 * `/provider/api-usage` and Client 360's Usage tab: the same filters, trend, endpoint breakdown,
 * tenant table and export. With `tenantId` every query is scoped to that tenant whatever the URL says.
 */
export async function UsageDashboard({
  pathname,
  params,
  tenantId,
  tenantOptions,
  canEditLimits,
}: {
  pathname: string;
  params: UrlParams;
  /** Client 360: the one tenant this view may show. */
  tenantId?: string;
  /** The tenant filter's choices (not shown when scoped to one tenant). */
  tenantOptions?: readonly { value: string; label: string }[];
  canEditLimits: boolean;
}) {
  const parsed = parsePageParams(ZApiUsageQuery, params);
  const filters: TApiUsageFilters = tenantId ? { ...parsed, tenantId } : parsed;
  const table = parsePageParams(ZTableParams, params);
  let data: Awaited<ReturnType<typeof load>>;
  try {
    data = await load(filters, table);
  } catch (error) {
    // A custom range that does not parse (from after to…) shows why instead of failing the page.
    if (!isAppError(error) || error.code !== "validation_failed") throw error;
    return (
      <>
        <UsageFilters
          pathname={pathname}
          params={params}
          scoped={Boolean(tenantId)}
          tenantOptions={tenantOptions}
          routes={[]}
        />
        <EmptyState
          icon={<SearchX />}
          title="These dates do not make a range"
          description={`${error.message}. Pick a preset, or a start date on or before the end date.`}
          action={<ButtonLink href={pathname}>Show the last 30 days</ButtonLink>}
        />
      </>
    );
  }
  const { trend, endpoints, tenants } = data;
  const filtering = FILTERS.some((name) => name !== "range" && firstParam(params, name) !== undefined);
  const exportHref = hrefWith(
    "/api/provider/usage/export",
    Object.fromEntries(
      FILTERS.map((name) => [name, name === "tenantId" && tenantId ? tenantId : firstParam(params, name)]),
    ),
  );
  const routes = [...new Set(endpoints.map((row) => row.route))].sort();
  const selectedRoute = firstParam(params, "route");
  if (selectedRoute && !routes.includes(selectedRoute)) routes.unshift(selectedRoute);
  const nothing = trend.totals.requests === 0 && trend.priorTotals.requests === 0;

  return (
    <>
      <UsageFilters
        pathname={pathname}
        params={params}
        scoped={Boolean(tenantId)}
        tenantOptions={tenantOptions}
        routes={routes}
        exportHref={exportHref}
      />

      {nothing ? (
        <EmptyState
          icon={filtering ? <SearchX /> : <Activity />}
          title={filtering ? "No API requests match these filters" : "No API requests in this range"}
          description={
            filtering
              ? "Try a longer range or fewer filters."
              : "Requests to the tenant API and the portal API show here within seconds of being made. Pick a longer range, or check that clients have API keys."
          }
          action={filtering ? <ButtonLink href={pathname}>Clear filters</ButtonLink> : undefined}
          className="mb-6"
        />
      ) : (
        <>
          <UsageKpis trend={trend} />
          <Card
            className="mb-6"
            title={`Requests, errors and 429s ${trend.bucket === "hour" ? "per hour" : "per day"}`}
            description={`${periodLabel(trend)} · dashed lines: the ${trend.points.length} ${trend.bucket === "hour" ? "hours" : "days"} before`}
          >
            <LineChart
              title="API requests over time against the prior period"
              labels={trend.points.map((point) => bucketLabel(point.start, trend.bucket))}
              series={[
                {
                  key: "requests",
                  label: "Requests",
                  tone: "brand",
                  values: trend.points.map((point) => point.requests),
                },
                {
                  key: "prior-requests",
                  label: "Requests, prior period",
                  tone: "brand",
                  dashed: true,
                  values: trend.points.map((point) => point.prior.requests),
                },
                { key: "errors", label: "Errors", tone: "danger", values: trend.points.map((point) => point.errors) },
                {
                  key: "prior-errors",
                  label: "Errors, prior period",
                  tone: "danger",
                  dashed: true,
                  values: trend.points.map((point) => point.prior.errors),
                },
                { key: "429s", label: "429s", tone: "warn", values: trend.points.map((point) => point.rateLimited) },
              ]}
            />
          </Card>
        </>
      )}

      <section className="mb-6" aria-labelledby="endpoints-heading">
        <SectionHeading
          id="endpoints-heading"
          title="Endpoints"
          hint="Latency percentiles are estimated from histogram buckets (5 ms … 5 s)."
        />
        <DataTable
          caption="Requests per endpoint"
          columns={ENDPOINT_COLUMNS}
          rows={endpoints}
          rowKey={(row) => `${row.app} ${row.method} ${row.route}`}
          empty={
            <EmptyState
              icon={<Activity />}
              title="No endpoint was called in this range"
              description="Endpoints appear here once requests reach them."
            />
          }
        />
      </section>

      <section aria-labelledby="tenants-heading">
        <SectionHeading
          id="tenants-heading"
          title={tenantId ? "Rate limit" : "Tenants"}
          hint="Peak minute: the busiest minute of /api/v1 requests, as a share of the tenant's limit per minute."
        />
        <DataTable
          caption="API usage per tenant"
          columns={tenantColumns({ canEditLimits, linkToClient: !tenantId })}
          rows={tenants.data}
          rowKey={(row) => row.tenantId}
          sort={{ pathname, params, by: table.sort, direction: table.direction }}
          empty={
            <EmptyState
              icon={<Users />}
              title="No tenant made these requests"
              description="Clear the route, method or status filters to see every tenant."
              action={<ButtonLink href={pathname}>Clear filters</ButtonLink>}
            />
          }
        />
        <Pagination pathname={pathname} params={params} nextCursor={tenants.nextCursor} shown={tenants.data.length} />
      </section>
    </>
  );
}

async function load(filters: TApiUsageFilters, table: z.output<typeof ZTableParams>) {
  const [trend, endpoints, tenants] = await Promise.all([
    getApiUsageTrend({ filters }),
    listEndpointUsage({ filters }),
    listTenantUsage({ filters, sort: table.sort, direction: table.direction, cursor: table.cursor }).catch(
      (error: unknown) => {
        // A stale cursor starts again from the first page.
        if (isAppError(error) && error.code === "validation_failed" && table.cursor) {
          return listTenantUsage({ filters, sort: table.sort, direction: table.direction });
        }
        throw error;
      },
    ),
  ]);
  return { trend, endpoints, tenants };
}

function UsageFilters({
  pathname,
  params,
  scoped,
  tenantOptions,
  routes,
  exportHref,
}: {
  pathname: string;
  params: UrlParams;
  scoped: boolean;
  tenantOptions?: readonly { value: string; label: string }[];
  routes: readonly string[];
  exportHref?: string;
}) {
  const fields: FilterField[] = [
    {
      kind: "select",
      name: "range",
      label: "Range",
      anyLabel: "Last 30 days",
      options: RANGE_OPTIONS.filter((option) => option.value !== "30d"),
    },
    { kind: "text", name: "from", label: "From (custom)", placeholder: "YYYY-MM-DD" },
    { kind: "text", name: "to", label: "To (custom)", placeholder: "YYYY-MM-DD" },
    ...(scoped
      ? []
      : [
          {
            kind: "select" as const,
            name: "tenantId",
            label: "Tenant",
            anyLabel: "All tenants",
            options: tenantOptions ?? [],
          },
        ]),
    {
      kind: "select",
      name: "route",
      label: "Route",
      anyLabel: "All routes",
      options: routes.map((route) => ({ value: route, label: route })),
    },
    {
      kind: "select",
      name: "method",
      label: "Method",
      options: API_USAGE_METHODS.map((method) => ({ value: method, label: method })),
    },
    {
      kind: "select",
      name: "statusClass",
      label: "Status",
      options: API_USAGE_STATUS_CLASSES.map((statusClass) => ({ value: statusClass, label: statusClass })),
    },
  ];
  return (
    <div className="relative">
      <FilterBar pathname={pathname} params={params} fields={fields} keep={["sort", "direction"]} />
      {exportHref ? (
        <div className="-mt-2 mb-4 flex justify-end">
          <a
            href={exportHref}
            download
            className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:text-brand-800"
          >
            <Download className="size-4" aria-hidden />
            Export CSV
          </a>
        </div>
      ) : null}
    </div>
  );
}

function UsageKpis({ trend }: { trend: ApiUsageTrend }) {
  const { totals, priorTotals } = trend;
  const errorRate = totals.requests > 0 ? totals.errors / totals.requests : 0;
  const priorErrorRate = priorTotals.requests > 0 ? priorTotals.errors / priorTotals.requests : 0;
  return (
    <div className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4">
      <KpiCard
        label="Requests"
        value={formatCount(totals.requests)}
        hint={change(totals.requests, priorTotals.requests)}
      />
      <KpiCard
        label="Errors"
        value={formatCount(totals.errors)}
        hint={change(totals.errors, priorTotals.errors)}
        tone={totals.errors > 0 ? "danger" : "neutral"}
      />
      <KpiCard
        label="Error rate"
        value={formatPercent(errorRate)}
        hint={`${formatPercent(priorErrorRate)} in the prior period`}
        tone={errorRate >= 0.05 ? "danger" : "neutral"}
      />
      <KpiCard
        label="429s"
        value={formatCount(totals.rateLimited)}
        hint={change(totals.rateLimited, priorTotals.rateLimited)}
        tone={totals.rateLimited > 0 ? "warn" : "neutral"}
      />
    </div>
  );
}

function SectionHeading({ id, title, hint }: { id: string; title: string; hint: string }) {
  return (
    <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
      <h2 id={id} className="text-sm font-semibold text-slate-900">
        {title}
      </h2>
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );
}

const ENDPOINT_COLUMNS: readonly Column<EndpointUsage>[] = [
  {
    key: "endpoint",
    header: "Endpoint",
    cell: (row) => (
      <span className="flex items-center gap-2">
        <Badge tone="neutral">{row.method}</Badge>
        <span className="font-mono text-xs text-slate-900">{row.route}</span>
        {row.app === "portal" ? <span className="text-xs text-slate-400">portal</span> : null}
      </span>
    ),
  },
  {
    key: "requests",
    className: "whitespace-nowrap",
    header: "Requests",
    align: "right",
    cell: (row) => formatCount(row.requests),
  },
  {
    key: "errors",
    className: "whitespace-nowrap",
    header: "Error %",
    align: "right",
    cell: (row) => (
      <span className={row.errorRate >= 0.05 ? "text-danger-700" : undefined}>{formatPercent(row.errorRate)}</span>
    ),
  },
  {
    key: "429s",
    className: "whitespace-nowrap",
    header: "429s",
    align: "right",
    cell: (row) => formatCount(row.rateLimited),
  },
  { key: "p50", className: "whitespace-nowrap", header: "p50", align: "right", cell: (row) => formatLatency(row.p50) },
  { key: "p95", className: "whitespace-nowrap", header: "p95", align: "right", cell: (row) => formatLatency(row.p95) },
  { key: "p99", className: "whitespace-nowrap", header: "p99", align: "right", cell: (row) => formatLatency(row.p99) },
  {
    key: "bytes",
    className: "whitespace-nowrap",
    header: "Bytes",
    align: "right",
    cell: (row) => formatBytes(row.bytes),
  },
];

function tenantColumns({ canEditLimits, linkToClient }: { canEditLimits: boolean; linkToClient: boolean }) {
  const columns: Column<TenantUsage>[] = [
    {
      key: "tenant",
      header: "Tenant",
      cell: (row) =>
        linkToClient ? (
          <Link
            href={`/provider/clients/${row.tenantId}/usage`}
            className="font-medium text-slate-900 hover:text-brand-700"
          >
            {row.tenantName}
          </Link>
        ) : (
          <span className="font-medium text-slate-900">{row.tenantName}</span>
        ),
    },
    {
      key: "requests",
      header: "Requests",
      align: "right",
      sortKey: "requests",
      firstDirection: "desc",
      cell: (row) => formatCount(row.requests),
    },
    {
      key: "errorRate",
      header: "Error rate",
      align: "right",
      sortKey: "errorRate",
      firstDirection: "desc",
      cell: (row) => formatPercent(row.errorRate),
    },
    {
      key: "rateLimited",
      header: "429s",
      align: "right",
      sortKey: "rateLimited",
      firstDirection: "desc",
      cell: (row) => (
        <span className={row.rateLimited > 0 ? "text-warn-700" : undefined}>{formatCount(row.rateLimited)}</span>
      ),
    },
    {
      key: "peak",
      className: "whitespace-nowrap",
      header: "Peak minute",
      align: "right",
      sortKey: "peak",
      firstDirection: "desc",
      cell: (row) => (
        <span title={`${formatCount(row.peakMinuteRequests)} requests in the busiest minute`}>
          <span className={row.peakPercentOfLimit >= 80 ? "font-semibold text-danger-700" : undefined}>
            {row.peakPercentOfLimit}%
          </span>
          <span className="ml-1 text-xs text-slate-400">({formatCount(row.peakMinuteRequests)}/min)</span>
        </span>
      ),
    },
    {
      key: "limit",
      className: "whitespace-nowrap",
      header: "Limit",
      align: "right",
      cell: (row) => (
        <span data-testid="rate-limit">
          {formatCount(row.limit)}/min
          <span className="ml-1 text-xs text-slate-400">{LIMIT_SOURCES[row.limitSource]}</span>
        </span>
      ),
    },
  ];
  if (canEditLimits) {
    columns.push({
      key: "edit",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (row) => (
        <EditRateLimitButton
          tenantId={row.tenantId}
          tenantName={row.tenantName}
          limit={row.limit}
          limitSource={row.limitSource}
        />
      ),
    });
  }
  return columns;
}

const LIMIT_SOURCES = { override: "override", plan: "plan", default: "default" } as const;

function change(current: number, prior: number): string {
  if (prior === 0) return current === 0 ? "None in the prior period either" : "None in the prior period";
  const delta = (current - prior) / prior;
  return `${delta >= 0 ? "+" : "−"}${formatPercent(Math.abs(delta))} vs prior period (${formatCount(prior)})`;
}

function formatLatency(estimate: LatencyEstimate | null): string {
  if (!estimate) return "—";
  if (estimate.aboveLastBound) return "> 5 s";
  return estimate.ms >= 1000 ? `${(estimate.ms / 1000).toFixed(2)} s` : `${Math.round(estimate.ms)} ms`;
}

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const hourLabel = new Intl.DateTimeFormat("en-US", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

function bucketLabel(start: Date, bucket: ApiUsageBucket): string {
  return bucket === "hour" ? hourLabel.format(start) : dayLabel.format(start);
}

function periodLabel(trend: ApiUsageTrend): string {
  const { start, end } = trend.window;
  const last = new Date(end.getTime() - 1);
  return trend.bucket === "hour"
    ? `${dayLabel.format(start)} ${hourLabel.format(start)} – ${dayLabel.format(last)} ${hourLabel.format(end)} UTC`
    : `${dayLabel.format(start)} – ${dayLabel.format(last)} (UTC)`;
}
