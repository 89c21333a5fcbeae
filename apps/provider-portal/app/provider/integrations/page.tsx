import type { ApiKeySummary } from "@pp/core/api-keys/api-key-summary";
import { listApiKeyTenants } from "@pp/core/api-keys/list-api-key-tenants";
import { type ListApiKeysOptions, listApiKeys } from "@pp/core/api-keys/list-api-keys";
import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { ApiKeyStatusBadge, ScopeList } from "@pp/ui/api-key-cells";
import { RevokeKeyButton } from "@pp/ui/api-key-revoke-button";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatCount, formatDate, formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import type { UrlParams } from "@pp/ui/url";
import { KeyRound, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ZListFederationKeysQuery } from "@/app/api/federation/keys/schema";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { IntegrationsTabs } from "./integrations-tabs";
import { CreateKeyForm } from "./keys/create-key-form";

export const metadata: Metadata = { title: "Integrations Hub" };
export const dynamic = "force-dynamic";

const PATH = "/provider/integrations";
const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
];

// /provider/integrations – Integrations Hub (Federation), Keys tab: every tenant's API keys; federation:manage mints and revokes.
export default async function IntegrationsKeysPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZListFederationKeysQuery, params);
  const [result, tenants] = await Promise.all([loadPage(query), listApiKeyTenants()]);
  const canManage = staffCan(staff.role, "federation:manage");
  const filtering = query.tenantId !== undefined || query.status !== undefined;

  const columns: Column<ApiKeySummary>[] = [
    {
      key: "name",
      header: "Key",
      cell: (key) => (
        <div>
          <p className="font-medium text-slate-900">{key.name}</p>
          <p className="font-mono text-xs text-slate-500">{key.prefix}…</p>
        </div>
      ),
    },
    {
      key: "tenant",
      header: "Tenant",
      cell: (key) => (
        <Link href={`/provider/clients/${key.tenant.id}`} className="hover:text-brand-700">
          {key.tenant.name}
        </Link>
      ),
    },
    { key: "scopes", header: "Scopes", cell: (key) => <ScopeList scopes={key.scopes} /> },
    { key: "status", header: "Status", cell: (key) => <ApiKeyStatusBadge status={key.status} /> },
    {
      key: "rateLimit",
      header: "Rate limit",
      align: "right",
      cell: (key) =>
        key.rateLimitPerMinute ? (
          `${formatCount(key.rateLimitPerMinute)}/min`
        ) : (
          <span className="text-slate-400">Tenant's</span>
        ),
    },
    {
      key: "lastUsed",
      header: "Last used",
      cell: (key) => (
        <span className="whitespace-nowrap">{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</span>
      ),
    },
    {
      key: "expires",
      header: "Expires",
      cell: (key) => <span className="whitespace-nowrap">{key.expiresAt ? formatDate(key.expiresAt) : "Never"}</span>,
    },
    {
      key: "created",
      header: "Created",
      cell: (key) => (
        <div className="whitespace-nowrap">
          <p>{formatDate(key.createdAt)}</p>
          <p className="text-xs text-slate-500">{key.createdBy?.name ?? "—"}</p>
        </div>
      ),
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (key) =>
        key.status === "revoked" ? null : (
          <RevokeKeyButton endpoint={`/api/federation/keys/${key.id}/revoke`} name={key.name} />
        ),
    });
  }

  return (
    <>
      <PageHeader
        eyebrow="Federation"
        title="Integrations Hub"
        description="API keys tenants use for their own integrations: who holds which, what they may do, and when each was last used."
      />
      <IntegrationsTabs current="keys" />
      {canManage ? (
        <Card
          className="mb-6"
          title="Create key"
          description="The whole key is shown once, right after it is created. Only its prefix is kept visible."
        >
          <CreateKeyForm tenants={tenants} defaultTenantId={query.tenantId} />
        </Card>
      ) : null}
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          {
            kind: "select",
            name: "tenantId",
            label: "Tenant",
            anyLabel: "All tenants",
            options: tenants.map((tenant) => ({ value: tenant.id, label: tenant.name })),
          },
          { kind: "select", name: "status", label: "Status", options: STATUS_OPTIONS },
        ]}
      />
      <DataTable
        caption="API keys"
        columns={columns}
        rows={result.data}
        rowKey={(key) => key.id}
        empty={
          filtering ? (
            <EmptyState
              icon={<SearchX />}
              title="No keys match these filters"
              description="Try another status or tenant, or clear the filters to see every key."
              action={<ButtonLink href={PATH}>Clear filters</ButtonLink>}
            />
          ) : (
            <EmptyState
              icon={<KeyRound />}
              title="No API keys yet"
              description={
                canManage
                  ? "Create a key above for a tenant that wants to connect its own systems."
                  : "Tenant owners create keys in their Settings; admins can create them here."
              }
            />
          )
        }
      />
      <Pagination pathname={PATH} params={params} nextCursor={result.nextCursor} shown={result.data.length} />
    </>
  );
}

async function loadPage(query: ListApiKeysOptions) {
  try {
    return await listApiKeys(query);
  } catch (error) {
    // A stale or edited cursor: show the first page rather than an error.
    if (isAppError(error) && error.code === "validation_failed" && query.cursor) {
      return listApiKeys({ ...query, cursor: undefined });
    }
    throw error;
  }
}
