import {
  type IdentityProvider,
  listIdentityProviders,
  type SsoFailure,
} from "@pp/core/federation/list-identity-providers";
import { Badge, StatusBadge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Fingerprint, ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { LastTestCell } from "../federation-cells";
import { IntegrationsTabs } from "../integrations-tabs";

export const metadata: Metadata = { title: "Providers · Integrations Hub" };
export const dynamic = "force-dynamic";

// /provider/integrations/providers – Integrations Hub, Providers tab: identity providers, who uses them, failed SSO sign-ins.
export default async function IntegrationsProvidersPage() {
  await requireStaff(permissionFor("/provider/integrations"));
  const { data: providers, failedLogins } = await listIdentityProviders();

  const providerColumns: Column<IdentityProvider>[] = [
    {
      key: "issuer",
      header: "Identity provider",
      cell: (provider) => (
        <div>
          <p className="font-mono text-xs text-slate-900">{provider.issuer}</p>
          <p className="text-xs text-slate-500">
            {provider.connections.map((connection) => `${connection.name} (${connection.status})`).join(", ")}
          </p>
        </div>
      ),
    },
    { key: "status", header: "Status", cell: (provider) => <StatusBadge status={provider.status} /> },
    {
      key: "usedBy",
      header: "Used by",
      cell: (provider) => (
        <div className="flex flex-wrap gap-1">
          {provider.usedByStaff ? <Badge tone="brand">Staff (portal SSO)</Badge> : null}
          {provider.tenants.map((tenant) => (
            <Link key={tenant.id} href={`/provider/clients/${tenant.id}`} className="text-sm hover:text-brand-700">
              {tenant.name}
            </Link>
          ))}
        </div>
      ),
    },
    { key: "lastTest", header: "Last test", cell: (provider) => <LastTestCell lastTest={provider.lastTest} /> },
    {
      key: "failures",
      header: "Recent failed sign-ins",
      align: "right",
      cell: (provider) =>
        provider.recentFailures.length > 0 ? (
          <Badge tone="danger">{provider.recentFailures.length === 5 ? "5+" : provider.recentFailures.length}</Badge>
        ) : (
          <span className="text-slate-400">None</span>
        ),
    },
  ];

  const failureColumns: Column<SsoFailure>[] = [
    {
      key: "at",
      header: "When",
      cell: (failure) => <span className="whitespace-nowrap">{formatDateTime(failure.at)}</span>,
    },
    { key: "email", header: "Email", cell: (failure) => failure.email ?? <span className="text-slate-400">—</span> },
    {
      key: "connection",
      header: "Connection",
      cell: (failure) =>
        failure.connection ? (
          <div>
            <p>{failure.connection.name}</p>
            <p className="text-xs text-slate-500">{failure.tenant?.name ?? "Staff"}</p>
          </div>
        ) : (
          <span className="text-slate-400">No connection matched</span>
        ),
    },
    { key: "stage", header: "Stage", cell: (failure) => <code className="font-mono text-xs">{failure.stage}</code> },
    { key: "error", header: "Error", cell: (failure) => <span className="text-sm">{failure.error}</span> },
    {
      key: "request",
      header: "Request",
      cell: (failure) => <span className="font-mono text-xs text-slate-500">{failure.requestId ?? "—"}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        eyebrow="Federation"
        title="Integrations Hub"
        description="Every identity provider the platform trusts, its status and last test, the tenants that sign in through it, and failed SSO sign-ins."
      />
      <IntegrationsTabs current="providers" />
      <DataTable
        caption="Identity providers"
        columns={providerColumns}
        rows={providers}
        rowKey={(provider) => provider.issuer}
        empty={
          <EmptyState
            icon={<ShieldCheck />}
            title="No identity providers yet"
            description="Providers appear here once an OIDC connection uses them."
            action={<ButtonLink href="/provider/integrations/oidc">Add an OIDC connection</ButtonLink>}
          />
        }
      />
      <h2 className="mt-8 mb-2 text-sm font-semibold text-slate-900">Failed SSO sign-ins</h2>
      <DataTable
        caption="Failed SSO sign-ins"
        columns={failureColumns}
        rows={failedLogins}
        rowKey={(failure) => failure.id}
        empty={
          <EmptyState
            icon={<Fingerprint />}
            title="No failed SSO sign-ins"
            description="When an SSO sign-in fails, its trace (stage, error, request id) is listed here."
          />
        }
      />
    </>
  );
}
