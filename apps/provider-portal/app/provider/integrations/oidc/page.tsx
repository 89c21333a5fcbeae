import { staffCan } from "@pp/core/auth/permissions";
import { listConnectionDomains } from "@pp/core/federation/list-connection-domains";
import { listOidcConnections } from "@pp/core/federation/list-oidc-connections";
import type { OidcConnectionSummary } from "@pp/core/federation/oidc-connection-summary";
import { ssoCallbackUrl } from "@pp/core/federation/sso/begin-sso-login";
import { getTenantOption } from "@pp/core/tenants/get-tenant-option";
import { env } from "@pp/env";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import type { Column } from "@pp/ui/data-table";
import { FilterBar } from "@pp/ui/filter-bar";
import { PagedTable } from "@pp/ui/paged-table";
import type { UrlParams } from "@pp/ui/url";
import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { ZListOidcConnectionsQuery } from "@/app/api/federation/oidc/schema";
import { CLIENT_SEARCH_URL } from "@/lib/client-search";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { AudienceCell, LastTestCell } from "../federation-cells";
import { IntegrationsTop } from "../integrations-tabs";
import { ConnectionActions } from "./connection-actions";
import { CreateOidcConnectionForm, STAFF_AUDIENCE } from "./create-oidc-connection-form";
import { DomainProofs } from "./domain-proofs";

export const metadata: Metadata = { title: "OIDC connections · Integrations Hub" };
export const dynamic = "force-dynamic";

const PATH = "/provider/integrations/oidc";

// /provider/integrations/oidc – Integrations Hub, OIDC tab: SSO connections per tenant and for staff; secrets never shown.
export default async function IntegrationsOidcPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor("/provider/integrations"));
  const params = await searchParams;
  const query = parsePageParams(ZListOidcConnectionsQuery, params);
  const [result, tenant] = await Promise.all([
    listOidcConnections(query),
    query.audience === "staff" ? null : getTenantOption({ id: query.audience }),
  ]);
  const audience = query.audience === "staff" ? STAFF_AUDIENCE : tenant;
  // What staff register at the identity provider as the redirect URI: one per app.
  const callbackUrls = { staff: ssoCallbackUrl(env().portalUrl), tenant: ssoCallbackUrl(env().tenantAppUrl) };
  const canManage = staffCan(staff.role, "federation:manage");
  const proofs = await listConnectionDomains({ connectionIds: result.data.map((connection) => connection.id) });
  const proofsOf = (connectionId: string) =>
    proofs
      .filter((proof) => proof.connectionId === connectionId)
      .map((proof) => ({
        domain: proof.domain,
        verified: proof.verifiedAt !== null,
        txtName: proof.txtName,
        txtValue: proof.txtValue,
      }));
  const filtering = query.audience !== undefined || query.status !== undefined;

  const columns: Column<OidcConnectionSummary>[] = [
    {
      key: "name",
      header: "Connection",
      cell: (connection) => (
        <div>
          <p className="font-medium text-slate-900">{connection.name}</p>
          <p className="font-mono text-xs text-slate-500">{connection.issuer}</p>
        </div>
      ),
    },
    { key: "audience", header: "Signs in to", cell: (connection) => <AudienceCell tenant={connection.tenant} /> },
    {
      key: "client",
      header: "Client",
      cell: (connection) => (
        <div className="font-mono text-xs whitespace-nowrap">
          <p className="text-slate-900">{connection.clientId}</p>
          <p className="text-slate-500" title="The secret can be replaced, never read">
            {connection.clientSecret}
          </p>
        </div>
      ),
    },
    {
      key: "routing",
      header: "Email domains",
      cell: (connection) => (
        <div className="text-xs">
          {connection.tenant ? (
            <DomainProofs connectionId={connection.id} domains={proofsOf(connection.id)} canManage={canManage} />
          ) : (
            // Staff SSO creates nobody (staff are invited), so its domains need no ownership proof.
            <p className="text-slate-900">{connection.emailDomains.join(", ")}</p>
          )}
          {connection.tenant ? (
            <p className="text-slate-500">New users: {statusLabel(connection.defaultRole)}</p>
          ) : null}
        </div>
      ),
    },
    { key: "status", header: "Status", cell: (connection) => <StatusBadge status={connection.status} /> },
    {
      key: "lastTest",
      header: "Last test",
      cell: (connection) => <LastTestCell lastTest={connection.lastTest} connectionId={connection.id} />,
    },
  ];
  if (canManage) {
    columns.push({
      key: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      cell: (connection) => (
        <ConnectionActions
          connection={{
            id: connection.id,
            name: connection.name,
            status: connection.status,
            lastTestPassed: connection.lastTest?.result === "pass",
          }}
        />
      ),
    });
  }

  return (
    <>
      <IntegrationsTop
        current="oidc"
        description="Single sign-on through each tenant's identity provider, and for staff into this portal. A connection is enabled only after a passing test."
        create={
          canManage
            ? {
                title: "Add OIDC connection",
                description:
                  "The issuer's discovery document is checked first. The client secret is stored encrypted and shown once, right after it is saved.",
                form: (
                  <CreateOidcConnectionForm
                    defaultAudience={tenant?.status === "churned" ? null : audience}
                    callbackUrls={callbackUrls}
                  />
                ),
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
            name: "audience",
            label: "Signs in to",
            anyLabel: "All",
            searchUrl: CLIENT_SEARCH_URL,
            selected: audience,
            pinned: [STAFF_AUDIENCE],
          },
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: [
              { value: "draft", label: "Draft" },
              { value: "enabled", label: "Enabled" },
              { value: "disabled", label: "Disabled" },
            ],
          },
        ]}
      />
      <PagedTable
        caption="OIDC connections"
        columns={columns}
        loaded={{ result }}
        pathname={PATH}
        params={params}
        empty={{
          filtered: filtering,
          filteredTitle: "No connections match these filters",
          filteredDescription: "Try another tenant or status, or clear the filters.",
          icon: <ShieldCheck />,
          title: "No OIDC connections yet",
          description: canManage
            ? "Add one above with the issuer, client id and secret from the tenant's identity provider, then test and enable it."
            : "An admin adds connections here; ask one to set up SSO for a tenant.",
        }}
      />
    </>
  );
}
