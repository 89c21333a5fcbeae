import type { ApiKeySummary } from "@pp/core/api-keys/api-key-summary";
import { listApiKeys } from "@pp/core/api-keys/list-api-keys";
import { tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { ApiKeyStatusBadge, ScopeList } from "@pp/ui/api-key-cells";
import { RevokeKeyButton } from "@pp/ui/api-key-revoke-button";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import type { UrlParams } from "@pp/ui/url";
import { KeyRound, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { type TListTenantApiKeysQuery, ZListTenantApiKeysQuery } from "@/app/api/t/[slug]/api-keys/schema";
import { formatDay, formatMoment } from "@/lib/format";
import { requireMember } from "@/lib/session";
import { CreateApiKeyForm } from "./create-api-key-form";

export const metadata: Metadata = { title: "API keys" };

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "expired", label: "Expired" },
  { value: "revoked", label: "Revoked" },
];

// /t/[slug]/settings/api-keys – the workspace's API keys; owners create and revoke them, everyone else reads.
export default async function ApiKeysPage({ params, searchParams }: PageProps<"/t/[slug]/settings/api-keys">) {
  const { slug } = await params;
  const urlParams: UrlParams = await searchParams;
  const { actor, tenant } = await requireMember(slug);
  const pathname = `/t/${slug}/settings/api-keys`;
  const query = parseQuery(urlParams);
  const result = await loadPage({ ...query, tenantId: tenant.id });
  const canManage = tenantRoleAtLeast(actor.role, "owner");
  const zone = tenant.timezone;

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
    { key: "scopes", header: "Scopes", cell: (key) => <ScopeList scopes={key.scopes} /> },
    { key: "status", header: "Status", cell: (key) => <ApiKeyStatusBadge status={key.status} /> },
    {
      key: "lastUsed",
      header: "Last used",
      cell: (key) => (
        <span className="whitespace-nowrap">{key.lastUsedAt ? formatMoment(key.lastUsedAt, zone) : "Never"}</span>
      ),
    },
    {
      key: "expires",
      header: "Expires",
      cell: (key) => (
        <span className="whitespace-nowrap">{key.expiresAt ? formatMoment(key.expiresAt, zone) : "Never"}</span>
      ),
    },
    {
      key: "created",
      header: "Created",
      cell: (key) => (
        <div className="whitespace-nowrap">
          <p>{formatDay(key.createdAt, zone)}</p>
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
          <RevokeKeyButton endpoint={`/api/t/${slug}/api-keys/${key.id}/revoke`} name={key.name} />
        ),
    });
  }

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/settings`} className="hover:text-slate-800">
            ← Settings
          </Link>
        }
        title="API keys"
        actions={
          <ButtonLink href={`/t/${slug}/settings/api`} variant="secondary">
            API reference
          </ButtonLink>
        }
        description={
          canManage
            ? "Keys let your own systems use the TradeDesk API. Each key is shown once when created — store it safely."
            : "Keys your workspace uses for the TradeDesk API. Only owners can create or revoke them."
        }
      />
      <div className="space-y-6">
        {canManage ? (
          <Card
            title="Create key"
            description="Send it as Authorization: Bearer <key>. Revoke it here the moment it leaks."
          >
            <CreateApiKeyForm slug={slug} />
          </Card>
        ) : null}
        <div>
          <FilterBar
            pathname={pathname}
            params={urlParams}
            fields={[{ kind: "select", name: "status", label: "Status", options: STATUS_OPTIONS }]}
          />
          <DataTable
            caption="API keys"
            columns={columns}
            rows={result.data}
            rowKey={(key) => key.id}
            empty={
              query.status ? (
                <EmptyState
                  icon={<SearchX />}
                  title={`No ${query.status} keys`}
                  description="Clear the filter to see every key."
                  action={<ButtonLink href={pathname}>Clear filter</ButtonLink>}
                />
              ) : (
                <EmptyState
                  icon={<KeyRound />}
                  title="No API keys yet"
                  description={
                    canManage
                      ? "Create one above when you connect a website form, CRM or automation tool."
                      : "Ask an owner to create one when you connect another system."
                  }
                />
              )
            }
          />
          <Pagination
            pathname={pathname}
            params={urlParams}
            nextCursor={result.nextCursor}
            shown={result.data.length}
          />
        </div>
      </div>
    </>
  );
}

/** A bad status or cursor in the URL is dropped, never an error page. */
function parseQuery(params: UrlParams): TListTenantApiKeysQuery {
  const first = (name: string) => {
    const value = params[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const parsed = ZListTenantApiKeysQuery.safeParse({ status: first("status"), cursor: first("cursor") });
  return parsed.success ? parsed.data : ZListTenantApiKeysQuery.parse({});
}

async function loadPage(query: TListTenantApiKeysQuery & { tenantId: string }) {
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
