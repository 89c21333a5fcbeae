import { isAppError } from "@pp/core/errors";
import type { TApiUsageFilters } from "@pp/core/usage/api-usage-filters";
import { getApiUsageTrend } from "@pp/core/usage/get-api-usage-trend";
import { listEndpointUsage } from "@pp/core/usage/list-endpoint-usage";
import { listTenantUsage } from "@pp/core/usage/list-tenant-usage";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import type { FilterField } from "@pp/ui/filter-bar";
import { LineChart } from "@pp/ui/line-chart";
import { Pagination } from "@pp/ui/pagination";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { Activity, SearchX, Users } from "lucide-react";
import type { z } from "zod";
import { parsePageParams } from "@/lib/query-params";
import { ZApiUsageQuery, ZTenantUsageQuery } from "../../api/provider/usage/schema";
import { ENDPOINT_COLUMNS, tenantColumns } from "./usage-columns";
import { UsageFilters } from "./usage-filters";
import { UsageKpis } from "./usage-kpis";
import { bucketLabel, periodLabel } from "./usage-labels";

const FILTERS = ["range", "from", "to", "tenantId", "route", "method", "statusClass"] as const;

const ZTableParams = ZTenantUsageQuery.pick({ sort: true, direction: true, cursor: true });

/**
 * `/provider/api-usage` and Client 360's Usage tab: the same filters, trend, endpoint breakdown,
 * tenant table and export. With `tenantId` every query is scoped to that tenant whatever the URL says.
 */
export async function UsageDashboard({
  pathname,
  params,
  tenantId,
  tenantFilter,
  canEditLimits,
}: {
  pathname: string;
  params: UrlParams;
  /** Client 360: the one tenant this view may show. */
  tenantId?: string;
  /** The tenant filter's client picker (not shown when scoped to one tenant). */
  tenantFilter?: FilterField;
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
          tenantFilter={tenantFilter}
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
        tenantFilter={tenantFilter}
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
