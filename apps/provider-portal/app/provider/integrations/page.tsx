import type { ApiKeySummary } from "@pp/core/api-keys/api-key-summary";
import { listApiKeys } from "@pp/core/api-keys/list-api-keys";
import { staffCan } from "@pp/core/auth/permissions";
import { loadFirstPageIfStale } from "@pp/core/pagination";
import { getTenantOption } from "@pp/core/tenants/get-tenant-option";
import { apiKeyColumns } from "@pp/ui/api-key-cells";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatCount, formatDate, formatDateTime } from "@pp/ui/format";
import { PagedTable } from "@pp/ui/paged-table";
import type { UrlParams } from "@pp/ui/url";
import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ZListFederationKeysQuery } from "@/app/api/federation/keys/schema";
import { CLIENT_SEARCH_URL } from "@/lib/client-search";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { IntegrationsTop } from "./integrations-tabs";
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
  const [loaded, tenant] = await Promise.all([
    loadFirstPageIfStale(query.cursor, (cursor) => listApiKeys({ ...query, cursor })),
    getTenantOption({ id: query.tenantId }),
  ]);
  const canManage = staffCan(staff.role, "federation:manage");
  const filtering = query.tenantId !== undefined || query.status !== undefined;

  const columns = apiKeyColumns<ApiKeySummary>({
    formatMoment: formatDateTime,
    formatDay: formatDate,
    revokeUrl: canManage ? (key) => `/api/federation/keys/${key.id}/revoke` : undefined,
    afterName: [
      {
        key: "tenant",
        header: "Tenant",
        cell: (key) => (
          <Link href={`/provider/clients/${key.tenant.id}`} className="hover:text-brand-700">
            {key.tenant.name}
          </Link>
        ),
      },
    ],
    afterStatus: [
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
    ],
  });

  return (
    <>
      <IntegrationsTop
        current="keys"
        description="API keys tenants use for their own integrations: who holds which, what they may do, and when each was last used."
        create={
          canManage
            ? {
                title: "Create key",
                description: "The whole key is shown once, right after it is created. Only its prefix is kept visible.",
                form: <CreateKeyForm defaultTenant={tenant?.status === "churned" ? null : tenant} />,
              }
            : undefined
        }
      />
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          {
            kind: "client",
            name: "tenantId",
            label: "Tenant",
            anyLabel: "All tenants",
            searchUrl: CLIENT_SEARCH_URL,
            selected: tenant,
          },
          { kind: "select", name: "status", label: "Status", options: STATUS_OPTIONS },
        ]}
      />
      <PagedTable
        caption="API keys"
        columns={columns}
        loaded={loaded}
        pathname={PATH}
        params={params}
        empty={{
          filtered: filtering,
          filteredTitle: "No keys match these filters",
          filteredDescription: "Try another status or tenant, or clear the filters to see every key.",
          icon: <KeyRound />,
          title: "No API keys yet",
          description: canManage
            ? "Create a key above for a tenant that wants to connect its own systems."
            : "Tenant owners create keys in their Settings; admins can create them here.",
        }}
      />
    </>
  );
}
