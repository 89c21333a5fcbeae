import { staffCan } from "@pp/core/auth/permissions";
import { listOidcConnectionTests, type OidcConnectionTestEntry } from "@pp/core/federation/list-oidc-connection-tests";
import { listOidcConnections } from "@pp/core/federation/list-oidc-connections";
import { OIDC_TEST_CHECK_LABELS } from "@pp/core/federation/oidc-test-checks";
import { Badge, StatusBadge } from "@pp/ui/badge";
import { Button, ButtonLink } from "@pp/ui/button";
import { Card } from "@pp/ui/card";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { Field, Select } from "@pp/ui/field";
import { formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import type { UrlParams } from "@pp/ui/url";
import { History, PlugZap } from "lucide-react";
import type { Metadata } from "next";
import { z } from "zod";
import { permissionFor } from "@/lib/navigation";
import { optionalParam, parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { AudienceCell } from "../federation-cells";
import { IntegrationsTabs } from "../integrations-tabs";
import { RunTestPanel, TestChecks } from "./run-test-panel";

export const metadata: Metadata = { title: "Test · Integrations Hub" };
export const dynamic = "force-dynamic";

const PATH = "/provider/integrations/test";
const ZTestTabQuery = z.object({ connectionId: optionalParam(z.uuid()) });

// /provider/integrations/test – Integrations Hub, Test tab: run a connection's checks and read its test history.
export default async function IntegrationsTestPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor("/provider/integrations"));
  const params = await searchParams;
  const query = parsePageParams(ZTestTabQuery, params);
  const { data: connections } = await listOidcConnections();
  const connection = connections.find((candidate) => candidate.id === query.connectionId);
  const history = connection ? await listOidcConnectionTests({ connectionId: connection.id }) : { data: [] };
  const canManage = staffCan(staff.role, "federation:manage");
  const latest = history.data[0];

  const columns: Column<OidcConnectionTestEntry>[] = [
    {
      key: "at",
      header: "When",
      cell: (entry) => <span className="whitespace-nowrap">{formatDateTime(entry.at)}</span>,
    },
    {
      key: "result",
      header: "Result",
      cell: (entry) => (
        <Badge tone={entry.result === "pass" ? "success" : "danger"}>
          {entry.result === "pass" ? "Passed" : "Failed"}
        </Badge>
      ),
    },
    {
      key: "failed",
      header: "Failed check",
      cell: (entry) => {
        const failed = entry.checks.find((check) => !check.ok);
        return failed ? (
          <div>
            <p className="font-medium text-slate-900">{OIDC_TEST_CHECK_LABELS[failed.name] ?? failed.name}</p>
            <p className="text-xs text-slate-500">{failed.detail}</p>
          </div>
        ) : (
          <span className="text-slate-400">—</span>
        );
      },
    },
    { key: "by", header: "Run by", cell: (entry) => entry.testedBy?.name ?? "—" },
  ];

  return (
    <>
      <PageHeader
        eyebrow="Federation"
        title="Integrations Hub"
        description="Check a connection against its identity provider: discovery, signing keys, and whether the token endpoint accepts the client's credentials."
      />
      <IntegrationsTabs current="test" />
      <form
        method="get"
        action={PATH}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-card border border-line bg-surface p-3 shadow-card"
      >
        <Field label="Connection" htmlFor="test-connectionId" className="min-w-80 flex-1 sm:max-w-xl">
          <Select id="test-connectionId" name="connectionId" defaultValue={connection?.id ?? ""}>
            <option value="">Choose a connection…</option>
            {connections.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name} — {candidate.tenant?.name ?? "Staff (portal SSO)"}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </form>
      {connection ? (
        <>
          <Card
            className="mb-6"
            title={connection.name}
            description={connection.issuer}
            actions={<StatusBadge status={connection.status} />}
          >
            <div className="mb-4 flex flex-wrap gap-x-8 gap-y-1 text-sm text-slate-600">
              <span>
                Signs in to: <AudienceCell tenant={connection.tenant} />
              </span>
              <span>
                Client: <code className="font-mono text-xs">{connection.clientId}</code>
              </span>
              <span>Domains: {connection.emailDomains.join(", ")}</span>
            </div>
            {canManage ? (
              <RunTestPanel connectionId={connection.id} connectionName={connection.name} />
            ) : latest ? (
              <TestChecks result={latest.result} checks={latest.checks} title="Last test" />
            ) : (
              <p className="text-sm text-slate-500">Not tested yet. An admin can run the test.</p>
            )}
          </Card>
          <h2 className="mb-2 text-sm font-semibold text-slate-900">Test history</h2>
          <DataTable
            caption="Test history"
            columns={columns}
            rows={history.data}
            rowKey={(entry) => entry.id}
            empty={
              <EmptyState
                icon={<History />}
                title="No tests yet"
                description={canManage ? "Run the test above; each run is kept here." : "Each test run is kept here."}
              />
            }
          />
        </>
      ) : (
        <EmptyState
          icon={<PlugZap />}
          title={connections.length === 0 ? "No connections to test" : "Choose a connection to test"}
          description={
            connections.length === 0
              ? "Add an OIDC connection first, then come back to test it."
              : "Pick one above; its checks and test history appear here."
          }
          action={
            connections.length === 0 ? (
              <ButtonLink href="/provider/integrations/oidc">Go to OIDC</ButtonLink>
            ) : undefined
          }
        />
      )}
    </>
  );
}
