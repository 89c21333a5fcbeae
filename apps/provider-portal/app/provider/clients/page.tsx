import { isAppError } from "@pp/core/errors";
import { listTenantFilterOptions } from "@pp/core/tenants/list-tenant-filter-options";
import { listTenants, type TenantListItem } from "@pp/core/tenants/list-tenants";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatCents, formatDate } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import { firstParam, type UrlParams } from "@pp/ui/url";
import { Building2, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ZListTenantsQuery } from "@/app/api/provider/tenants/schema";
import { ONBOARDING_STATUS_LABELS, TENANT_STATUS_LABELS, TRADE_LABELS_LIST, tradeLabel } from "@/lib/labels";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Clients" };
export const dynamic = "force-dynamic";

const PATH = "/provider/clients";
const FILTERS = ["search", "status", "trade", "planId", "region", "onboardingStatus"] as const;

const COLUMNS: readonly Column<TenantListItem>[] = [
  {
    key: "name",
    header: "Name",
    sortKey: "name",
    cell: (tenant) => (
      <div className="min-w-0">
        <Link href={`${PATH}/${tenant.id}`} className="font-medium text-slate-900 hover:text-brand-700">
          {tenant.name}
        </Link>
        <p className="font-mono text-xs text-slate-400">{tenant.slug}</p>
      </div>
    ),
  },
  { key: "trade", header: "Trade", cell: (tenant) => tradeLabel(tenant.trade) },
  { key: "plan", header: "Plan", cell: (tenant) => tenant.plan?.name ?? <span className="text-slate-400">—</span> },
  { key: "status", header: "Status", sortKey: "status", cell: (tenant) => <StatusBadge status={tenant.status} /> },
  {
    key: "mrr",
    header: "MRR",
    sortKey: "mrr",
    firstDirection: "desc",
    align: "right",
    cell: (tenant) => formatCents(tenant.mrrCents, tenant.currency),
  },
  {
    key: "created",
    header: "Created",
    sortKey: "created",
    firstDirection: "desc",
    cell: (tenant) => <span className="whitespace-nowrap">{formatDate(tenant.createdAt)}</span>,
  },
  {
    key: "onboarding",
    header: "Onboarding",
    cell: (tenant) => <StatusBadge status={tenant.onboardingStatus} />,
  },
  {
    key: "csm",
    header: "CSM",
    cell: (tenant) => tenant.csm?.name ?? <span className="text-slate-400">Unassigned</span>,
  },
];

export default async function ClientsPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZListTenantsQuery, params);
  const filtering = FILTERS.some((name) => query[name] !== undefined);

  const [result, options] = await Promise.all([
    listTenants(query).catch((error: unknown) => {
      // A stale or edited cursor: show the first page rather than an error.
      if (isAppError(error) && error.code === "validation_failed" && query.cursor) {
        return listTenants({ ...query, cursor: undefined });
      }
      throw error;
    }),
    listTenantFilterOptions(),
  ]);

  return (
    <>
      <PageHeader
        title="Clients"
        description="Every tenant, with its plan, revenue and onboarding. Open one for Client 360."
      />
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["sort", "direction"]}
        fields={[
          { kind: "search", name: "search", label: "Search", placeholder: "Name or slug" },
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: Object.entries(TENANT_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          },
          { kind: "select", name: "trade", label: "Trade", options: TRADE_LABELS_LIST },
          {
            kind: "select",
            name: "planId",
            label: "Plan",
            options: options.plans.map((plan) => ({ value: plan.id, label: plan.name })),
          },
          {
            kind: "select",
            name: "region",
            label: "Region",
            options: options.regions.map((region) => ({ value: region, label: region })),
          },
          {
            kind: "select",
            name: "onboardingStatus",
            label: "Onboarding",
            options: Object.entries(ONBOARDING_STATUS_LABELS).map(([value, label]) => ({ value, label })),
          },
        ]}
      />
      <DataTable
        caption="Tenants"
        columns={COLUMNS}
        rows={result.data}
        rowKey={(tenant) => tenant.id}
        sort={{ pathname: PATH, params, by: query.sort, direction: query.direction }}
        empty={
          filtering ? (
            <EmptyState
              icon={<SearchX />}
              title="No tenants match these filters"
              description={describeFilters(params, options.plans)}
              action={<ButtonLink href={PATH}>Clear filters</ButtonLink>}
            />
          ) : (
            <EmptyState
              icon={<Building2 />}
              title="No tenants yet"
              description={
                <>
                  Run <code className="rounded bg-slate-100 px-1 font-mono text-xs">npm run seed:test-tenant</code> or
                  create one from Tenant Onboarding.
                </>
              }
            />
          )
        }
      />
      <Pagination pathname={PATH} params={params} nextCursor={result.nextCursor} shown={result.data.length} />
    </>
  );
}

/** "Search “drain”, status Past due, trade HVAC" — what the user asked for, in their words. */
function describeFilters(params: UrlParams, plans: readonly { id: string; name: string }[]): string {
  const search = firstParam(params, "search");
  const status = firstParam(params, "status");
  const trade = firstParam(params, "trade");
  const planId = firstParam(params, "planId");
  const region = firstParam(params, "region");
  const onboarding = firstParam(params, "onboardingStatus");
  const applied = [
    search ? `search “${search}”` : null,
    status ? `status ${statusLabel(status)}` : null,
    trade ? `trade ${TRADE_LABELS_LIST.find((option) => option.value === trade)?.label ?? trade}` : null,
    planId ? `plan ${plans.find((plan) => plan.id === planId)?.name ?? "unknown"}` : null,
    region ? `region ${region}` : null,
    onboarding ? `onboarding ${statusLabel(onboarding)}` : null,
  ].filter(Boolean);
  const lead = applied.length > 0 ? `Filtered by ${applied.join(", ")}. ` : "";
  return `${lead}Try fewer filters, or clear them to see every tenant.`;
}
