import { DISPUTE_REASON_LABELS } from "@pp/core/leads/dispute-rules";
import { listLeadCategoryOptions } from "@pp/core/leads/list-lead-category-options";
import {
  countPendingDisputes,
  listPendingDisputes,
  listProviderLeads,
  type PendingDispute,
  type ProviderLeadListItem,
} from "@pp/core/leads/list-provider-leads";
import { loadFirstPageIfStale } from "@pp/core/pagination";
import { LEAD_SOURCES, LEAD_STATUSES } from "@pp/db/schema";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState, ListEmptyState } from "@pp/ui/empty-state";
import { FilterBar, type FilterField } from "@pp/ui/filter-bar";
import { describeAge, formatCents, formatDate, formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination, StaleCursorNote } from "@pp/ui/pagination";
import { Tabs } from "@pp/ui/tabs";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { Inbox } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ZListLeadsQuery } from "@/app/api/provider/leads/schema";
import { clientFilter } from "@/lib/client-filter";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";

export const metadata: Metadata = { title: "Leads & Disputes" };
export const dynamic = "force-dynamic";

const PATH = "/provider/leads";
const FILTERS = ["tenantId", "status", "source", "category", "dispute", "from", "to"] as const;

const LEAD_COLUMNS: readonly Column<ProviderLeadListItem>[] = [
  {
    key: "received",
    header: "Received",
    cell: (lead) => (
      <Link href={`${PATH}/${lead.id}`} className="font-medium whitespace-nowrap text-slate-900 hover:text-brand-700">
        {formatDateTime(lead.receivedAt)}
      </Link>
    ),
  },
  { key: "client", header: "Client", cell: (lead) => lead.tenantName },
  { key: "contact", header: "Homeowner", cell: (lead) => lead.contactName },
  { key: "category", header: "Category", cell: (lead) => lead.categoryName ?? lead.category },
  { key: "source", header: "Source", cell: (lead) => statusLabel(lead.source) },
  { key: "price", header: "Price", align: "right", cell: (lead) => formatCents(lead.priceCents) },
  {
    key: "billing",
    header: "Billing",
    cell: (lead) => (
      <span className="flex items-center gap-1.5">
        <StatusBadge status={lead.billingStatus} />
        {lead.invoiced ? <span className="text-xs text-slate-500">invoiced</span> : null}
      </span>
    ),
  },
  {
    key: "dispute",
    header: "Dispute",
    cell: (lead) =>
      lead.disputeStatus ? <StatusBadge status={lead.disputeStatus} /> : <span className="text-slate-400">—</span>,
  },
];

const QUEUE_COLUMNS: readonly Column<PendingDispute>[] = [
  {
    key: "age",
    header: "Waiting",
    cell: (dispute) => (
      <Link
        href={`${PATH}/${dispute.leadId}`}
        className="font-medium whitespace-nowrap text-slate-900 hover:text-brand-700"
      >
        {describeAge(dispute.ageHours, { long: true })}
      </Link>
    ),
  },
  { key: "client", header: "Client", cell: (dispute) => dispute.tenantName },
  { key: "reason", header: "Reason", cell: (dispute) => DISPUTE_REASON_LABELS[dispute.reasonCode] },
  {
    key: "note",
    header: "Evidence",
    cell: (dispute) => <span className="line-clamp-2 text-slate-600">{dispute.evidenceNote ?? "—"}</span>,
  },
  { key: "category", header: "Category", cell: (dispute) => dispute.categoryName ?? dispute.category },
  { key: "price", header: "Price", align: "right", cell: (dispute) => formatCents(dispute.priceCents) },
  {
    key: "raised",
    header: "Raised",
    cell: (dispute) => <span className="whitespace-nowrap">{formatDate(dispute.raisedAt)}</span>,
  },
  {
    key: "open",
    header: "",
    cell: (dispute) => (
      <ButtonLink href={`${PATH}/${dispute.leadId}`} size="sm">
        Review
      </ButtonLink>
    ),
  },
];

export default async function LeadsPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const tab = firstParam(params, "tab") === "disputes" ? "disputes" : "all";
  const query = parsePageParams(ZListLeadsQuery, params);
  const [pendingDisputes, clientPicker, categories] = await Promise.all([
    countPendingDisputes({ tenantId: query.tenantId }),
    clientFilter(query.tenantId),
    listLeadCategoryOptions(),
  ]);
  const tabs = [
    { key: "all", label: "All leads", href: hrefWith(PATH, params, { tab: null, cursor: null }) },
    {
      key: "disputes",
      label: "Disputes queue",
      href: hrefWith(PATH, params, { tab: "disputes", cursor: null }),
      count: pendingDisputes,
    },
  ];

  return (
    <>
      <PageHeader
        title="Leads & Disputes"
        description="Every lead delivered to clients. Decide disputes oldest first; approvals credit the client's bill."
      />
      <Tabs items={tabs} current={tab} label="Lead views" />
      {tab === "disputes" ? (
        <DisputesQueue params={params} tenantId={query.tenantId} cursor={query.cursor} />
      ) : (
        <AllLeads params={params} query={query} clientPicker={clientPicker} categories={categories} />
      )}
    </>
  );
}

async function DisputesQueue({
  params,
  tenantId,
  cursor,
}: {
  params: UrlParams;
  tenantId: string | undefined;
  cursor: string | undefined;
}) {
  const { result, staleCursor } = await loadFirstPageIfStale(cursor, (from) =>
    listPendingDisputes({ tenantId, cursor: from }),
  );
  return (
    <>
      <StaleCursorNote staleCursor={staleCursor} />
      <DataTable
        caption="Pending disputes, oldest first"
        columns={QUEUE_COLUMNS}
        rows={result.data}
        rowKey={(dispute) => dispute.disputeId}
        empty={
          <EmptyState
            icon={<Inbox />}
            title="No disputes waiting"
            description="When a client disputes a lead it appears here, oldest first. Nothing to decide right now."
          />
        }
      />
      <Pagination
        pathname={PATH}
        params={params}
        nextCursor={result.nextCursor}
        shown={result.data.length}
        staleCursor={staleCursor}
      />
    </>
  );
}

async function AllLeads({
  params,
  query,
  clientPicker,
  categories,
}: {
  params: UrlParams;
  query: ReturnType<typeof ZListLeadsQuery.parse>;
  clientPicker: FilterField;
  categories: { value: string; label: string }[];
}) {
  const filtering = FILTERS.some((name) => query[name] !== undefined);
  const { result, staleCursor } = await loadFirstPageIfStale(query.cursor, (cursor) =>
    listProviderLeads({ ...query, cursor }),
  );
  return (
    <>
      <FilterBar
        pathname={PATH}
        params={params}
        fields={[
          clientPicker,
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: LEAD_STATUSES.map((value) => ({ value, label: statusLabel(value) })),
          },
          {
            kind: "select",
            name: "source",
            label: "Source",
            options: LEAD_SOURCES.map((value) => ({ value, label: statusLabel(value) })),
          },
          { kind: "select", name: "category", label: "Category", anyLabel: "Any category", options: categories },
          {
            kind: "select",
            name: "dispute",
            label: "Dispute",
            options: [
              { value: "pending", label: "Pending" },
              { value: "approved", label: "Approved" },
              { value: "rejected", label: "Rejected" },
              { value: "none", label: "Not disputed" },
            ],
          },
          { kind: "text", name: "from", label: "From", placeholder: "YYYY-MM-DD" },
          { kind: "text", name: "to", label: "To", placeholder: "YYYY-MM-DD" },
        ]}
      />
      <StaleCursorNote staleCursor={staleCursor} />
      <DataTable
        caption="Leads"
        columns={LEAD_COLUMNS}
        rows={result.data}
        rowKey={(lead) => lead.id}
        empty={
          <ListEmptyState
            filtered={filtering}
            clearHref={PATH}
            filteredTitle="No leads match these filters"
            filteredDescription="Try fewer filters, or clear them to see every lead."
            icon={<Inbox />}
            title="No leads yet"
            description="Leads appear here as clients receive them. Seed the test tenant with npm run seed:test-tenant to try it."
          />
        }
      />
      <Pagination
        pathname={PATH}
        params={params}
        nextCursor={result.nextCursor}
        shown={result.data.length}
        staleCursor={staleCursor}
      />
    </>
  );
}
