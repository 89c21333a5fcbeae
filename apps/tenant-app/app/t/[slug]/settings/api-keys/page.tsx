import type { ApiKeySummary } from "@pp/core/api-keys/api-key-summary";
import { listApiKeys } from "@pp/core/api-keys/list-api-keys";
import { tenantRoleAtLeast } from "@pp/core/auth/permissions";
import { loadFirstPageIfStale } from "@pp/core/pagination";
import { apiKeyColumns } from "@pp/ui/api-key-cells";
import { ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { PagedTable } from "@pp/ui/paged-table";
import type { UrlParams } from "@pp/ui/url";
import { KeyRound } from "lucide-react";
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
  const loaded = await loadFirstPageIfStale(query.cursor, (cursor) =>
    listApiKeys({ ...query, tenantId: tenant.id, cursor }),
  );
  const canManage = tenantRoleAtLeast(actor.role, "owner");
  const zone = tenant.timezone;

  const columns = apiKeyColumns<ApiKeySummary>({
    formatMoment: (value) => formatMoment(value, zone),
    formatDay: (value) => formatDay(value, zone),
    revokeUrl: canManage ? (key) => `/api/t/${slug}/api-keys/${key.id}/revoke` : undefined,
  });

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
          <PagedTable
            caption="API keys"
            columns={columns}
            loaded={loaded}
            pathname={pathname}
            params={urlParams}
            empty={{
              filtered: query.status !== undefined,
              filteredTitle: `No ${query.status} keys`,
              filteredDescription: "Clear the filter to see every key.",
              icon: <KeyRound />,
              title: "No API keys yet",
              description: canManage
                ? "Create one above when you connect a website form, CRM or automation tool."
                : "Ask an owner to create one when you connect another system.",
            }}
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
