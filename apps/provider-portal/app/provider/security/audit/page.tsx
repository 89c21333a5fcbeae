import { AUDIT_FILTER_NAMES } from "@pp/core/audit/audit-filters";
import { type AuditEventDetail, getAuditEventOrThrow } from "@pp/core/audit/get-audit-event-or-throw";
import { type AuditEventListItem, listAuditEvents } from "@pp/core/audit/list-audit-events";
import { isAppError } from "@pp/core/errors";
import { loadFirstPageIfStale } from "@pp/core/pagination";
import { Badge } from "@pp/ui/badge";
import { buttonClass } from "@pp/ui/button";
import type { Column } from "@pp/ui/data-table";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { PagedTable } from "@pp/ui/paged-table";
import { ExportCsvLink } from "@pp/ui/record-feature-use";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { Download, ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ZListAuditEventsQuery } from "@/app/api/provider/audit-events/schema";
import { clientFilter } from "@/lib/client-filter";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { SecurityTabs } from "../security-tabs";
import { AuditEventDetailView } from "./audit-event-detail";
import { AuditEventDrawer } from "./audit-event-drawer";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PATH = "/provider/security/audit";
const EXPORT_PATH = "/api/provider/audit-events/export";

// /provider/security/audit – every audited change, newest first: filters in the URL, CSV export, event drawer.
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  const staff = await requireStaff("audit:read");
  const params = await searchParams;
  const query = parsePageParams(ZListAuditEventsQuery, params);
  const eventId = firstParam(params, "event");
  const [loaded, tenantPicker, opened] = await Promise.all([
    loadFirstPageIfStale(query.cursor, (cursor) => listAuditEvents({ ...query, cursor })),
    clientFilter(query.tenantId, { label: "Tenant", anyLabel: "Any tenant" }),
    eventId ? loadEvent(eventId) : Promise.resolve(undefined),
  ]);
  const filters = Object.fromEntries(AUDIT_FILTER_NAMES.map((name) => [name, query[name]]));
  const filtering = AUDIT_FILTER_NAMES.some((name) => query[name] !== undefined);
  const exportHref = hrefWith(EXPORT_PATH, {}, filters);
  // Turning the page closes the drawer; opening an event keeps the page it was opened from.
  const { event: _event, ...listParams } = params;

  const columns: Column<AuditEventListItem>[] = [
    {
      key: "at",
      header: "When",
      cell: (row) => <span className="whitespace-nowrap text-slate-600">{formatDateTime(row.at)}</span>,
    },
    {
      key: "actor",
      header: "Actor",
      cell: (row) => (
        <div className="min-w-0">
          <p className="truncate text-slate-900">{row.actorLabel ?? row.actorId ?? "—"}</p>
          <Badge tone={row.actorType === "system" ? "neutral" : "brand"}>{row.actorType}</Badge>
        </div>
      ),
    },
    {
      key: "action",
      header: "Action",
      cell: (row) => (
        <Link
          href={hrefWith(PATH, params, { event: row.id })}
          scroll={false}
          className="font-mono text-xs font-medium text-brand-700 hover:underline"
        >
          {row.action}
        </Link>
      ),
    },
    {
      key: "tenant",
      header: "Tenant",
      cell: (row) =>
        row.tenantId ? (
          <Link href={`/provider/clients/${row.tenantId}`} className="text-slate-900 hover:underline">
            {row.tenantName ?? <span className="font-mono text-xs">{row.tenantId}</span>}
          </Link>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
    {
      key: "target",
      header: "Target",
      cell: (row) =>
        row.targetType ? (
          <div className="min-w-0">
            <p className="text-slate-700">{row.targetType}</p>
            <p className="max-w-48 truncate font-mono text-xs text-slate-500" title={row.targetId ?? undefined}>
              {row.targetId}
            </p>
          </div>
        ) : (
          <span className="text-slate-400">—</span>
        ),
    },
    {
      key: "requestId",
      header: "Request id",
      cell: (row) => (
        <span className="block max-w-40 truncate font-mono text-xs text-slate-500" title={row.requestId ?? undefined}>
          {row.requestId ?? "—"}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Security & Compliance"
        description="Every change made in either app, who made it and from where. Entries can never be edited or deleted."
        actions={
          <ExportCsvLink href={exportHref} what="audit-log" className={buttonClass({ variant: "secondary" })}>
            <Download className="size-4" aria-hidden />
            Export CSV
          </ExportCsvLink>
        }
      />
      <SecurityTabs role={staff.role} current="audit" />
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          { kind: "search", name: "actor", label: "Actor", placeholder: "Email or label contains" },
          tenantPicker,
          { kind: "text", name: "action", label: "Action", placeholder: "invited or team." },
          { kind: "text", name: "targetType", label: "Target type", placeholder: "membership" },
          { kind: "text", name: "targetId", label: "Target id", placeholder: "Exact id" },
          { kind: "text", name: "from", label: "From (UTC)", placeholder: "2026-01-31" },
          { kind: "text", name: "to", label: "To (UTC)", placeholder: "2026-02-28" },
        ]}
      />
      <PagedTable
        caption="Audit events"
        columns={columns}
        loaded={loaded}
        pathname={PATH}
        params={listParams}
        empty={{
          filtered: filtering,
          filteredTitle: "No audit events match these filters",
          filteredDescription:
            "Widen the date range or remove a filter; an action filter matches any part of the action, like invited.",
          icon: <ScrollText />,
          title: "No audit events yet",
          description: "Changes to staff, teams, settings and billing appear here as soon as anyone makes one.",
        }}
      />
      {eventId ? (
        <AuditEventDrawer
          title={opened?.action ?? "Event not found"}
          description={
            opened ? `Event ${opened.id}` : "It may be a mistyped link; the audit trail never deletes events."
          }
          closeHref={hrefWith(PATH, params, { event: null })}
        >
          {opened ? (
            <AuditEventDetailView event={opened} />
          ) : (
            <p className="text-sm text-slate-600">No audit event has the id in this link.</p>
          )}
        </AuditEventDrawer>
      ) : null}
    </>
  );
}

async function loadEvent(id: string): Promise<AuditEventDetail | undefined> {
  try {
    return await getAuditEventOrThrow({ id });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return undefined;
    throw error;
  }
}
