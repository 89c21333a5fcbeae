import { staffCan } from "@pp/core/auth/permissions";
import { isAppError } from "@pp/core/errors";
import { getIncidentHealth } from "@pp/core/incidents/get-incident-health";
import { listIncidentAssignees } from "@pp/core/incidents/list-incident-assignees";
import { listIncidents } from "@pp/core/incidents/list-incidents";
import { INCIDENT_SEVERITIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from "@pp/db/schema";
import { statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import type { UrlParams } from "@pp/ui/url";
import { LifeBuoy, SearchX } from "lucide-react";
import type { Metadata } from "next";
import { ZListIncidentsQuery } from "@/app/api/provider/incidents/schema";
import { clientFilter } from "@/lib/client-filter";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { IncidentHealthPanel } from "./incident-health";
import { IncidentTable } from "./incident-table";

export const metadata: Metadata = { title: "Support & Incidents" };
export const dynamic = "force-dynamic";

const PATH = "/provider/incidents";
const FILTERS = ["status", "severity", "tenantId", "assigneeId", "sla", "source"] as const;

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const query = parsePageParams(ZListIncidentsQuery, params);
  const now = new Date();
  const [result, health, clientPicker, assignees] = await Promise.all([
    listIncidents({ ...query, now }).catch((error: unknown) => {
      if (isAppError(error) && error.code === "validation_failed" && query.cursor) {
        return listIncidents({ ...query, cursor: undefined, now });
      }
      throw error;
    }),
    getIncidentHealth({ now }),
    clientFilter(query.tenantId),
    listIncidentAssignees(),
  ]);
  const canWrite = staffCan(staff.role, "incidents:write");
  const filtering = FILTERS.some((name) => query[name] !== undefined);

  return (
    <>
      <PageHeader
        title="Support & Incidents"
        description="Client support requests and incidents with their SLA clocks. Work the breached and about-to-breach ones first."
        actions={
          canWrite ? (
            <ButtonLink href={`${PATH}/new`} variant="primary">
              New incident
            </ButtonLink>
          ) : undefined
        }
      />
      <IncidentHealthPanel health={health} />
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: [
              { value: "unresolved", label: "Unresolved" },
              ...INCIDENT_STATUSES.map((value) => ({ value, label: statusLabel(value) })),
            ],
          },
          {
            kind: "select",
            name: "severity",
            label: "Severity",
            options: INCIDENT_SEVERITIES.map((value) => ({ value, label: value.toUpperCase() })),
          },
          {
            kind: "select",
            name: "sla",
            label: "SLA clock",
            options: [
              { value: "breached", label: "Breached" },
              { value: "about_to_breach", label: "About to breach" },
              { value: "on_track", label: "On track" },
            ],
          },
          clientPicker,
          {
            kind: "select",
            name: "assigneeId",
            label: "Assignee",
            options: [{ value: "unassigned", label: "Unassigned" }, ...assignees],
          },
          {
            kind: "select",
            name: "source",
            label: "Opened by",
            options: INCIDENT_SOURCES.map((value) => ({
              value,
              label: value === "tenant" ? "Client" : statusLabel(value),
            })),
          },
        ]}
      />
      {result.data.length === 0 ? (
        filtering ? (
          <EmptyState
            icon={<SearchX />}
            title="No incidents match these filters"
            description="Try fewer filters, or clear them to see every incident."
            action={<ButtonLink href={PATH}>Clear filters</ButtonLink>}
          />
        ) : (
          <EmptyState
            icon={<LifeBuoy />}
            title="No incidents"
            description="Client support requests and incidents appear here with their SLA clocks. Open one with New incident when something goes wrong."
            action={canWrite ? <ButtonLink href={`${PATH}/new`}>New incident</ButtonLink> : undefined}
          />
        )
      ) : (
        <IncidentTable rows={result.data} now={now} assignees={assignees} canWrite={canWrite} />
      )}
      <Pagination pathname={PATH} params={params} nextCursor={result.nextCursor} shown={result.data.length} />
    </>
  );
}
