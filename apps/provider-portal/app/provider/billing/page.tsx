import { type InvoiceListItem, listInvoices, ZInvoiceFilters } from "@pp/core/billing/list-invoices";
import { isAppError } from "@pp/core/errors";
import { INVOICE_STATUSES } from "@pp/db/schema";
import { Badge, StatusBadge, statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { type Column, DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar } from "@pp/ui/filter-bar";
import { formatCents, formatDate } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import { Tabs } from "@pp/ui/tabs";
import { firstParam, hrefWith, type UrlParams } from "@pp/ui/url";
import { CircleCheck, Receipt, SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { clientFilter } from "@/lib/client-filter";
import { permissionFor } from "@/lib/navigation";
import { parsePageParams } from "@/lib/query-params";
import { requireStaff } from "@/lib/session";
import { RetryAnalytics } from "./retry-analytics";

export const metadata: Metadata = { title: "Billing" };
export const dynamic = "force-dynamic";

const PATH = "/provider/billing";
const FILTERS = ["status", "tenantId", "overdue", "from", "to"] as const;

const numberCell = (invoice: InvoiceListItem) => (
  <Link href={`${PATH}/invoices/${invoice.id}`} className="font-mono font-medium text-slate-900 hover:text-brand-700">
    {invoice.number}
  </Link>
);

const INVOICE_COLUMNS: readonly Column<InvoiceListItem>[] = [
  { key: "number", header: "Invoice", cell: numberCell },
  { key: "client", header: "Client", cell: (invoice) => invoice.tenantName },
  {
    key: "status",
    header: "Status",
    cell: (invoice) => (
      <span className="flex items-center gap-1.5">
        <StatusBadge status={invoice.status} />
        {invoice.overdue ? <Badge tone="danger">Overdue</Badge> : null}
        {invoice.writtenOffAt ? <Badge tone="neutral">Written off</Badge> : null}
      </span>
    ),
  },
  {
    key: "period",
    header: "Period",
    cell: (invoice) => `${formatDate(invoice.periodStart)} – ${formatDate(invoice.periodEnd)}`,
  },
  {
    key: "due",
    header: "Due",
    cell: (invoice) => <span className="whitespace-nowrap">{formatDate(invoice.dueAt)}</span>,
  },
  {
    key: "total",
    header: "Total",
    align: "right",
    cell: (invoice) => formatCents(invoice.totalCents, invoice.currency),
  },
  {
    key: "amountDue",
    header: "Amount due",
    align: "right",
    cell: (invoice) => formatCents(invoice.amountDueCents, invoice.currency),
  },
];

const RETRY_COLUMNS: readonly Column<InvoiceListItem>[] = [
  { key: "number", header: "Invoice", cell: numberCell },
  { key: "client", header: "Client", cell: (invoice) => invoice.tenantName },
  { key: "status", header: "Status", cell: (invoice) => <StatusBadge status={invoice.status} /> },
  { key: "due", header: "Due", cell: (invoice) => formatDate(invoice.dueAt) },
  { key: "attempts", header: "Retries so far", align: "right", cell: (invoice) => invoice.retryAttempts },
  {
    key: "next",
    header: "Next retry",
    cell: (invoice) =>
      invoice.nextRetryAt ? formatDate(invoice.nextRetryAt) : <span className="text-slate-400">None scheduled</span>,
  },
  {
    key: "reminder",
    header: "Last reminder",
    cell: (invoice) => (invoice.lastReminderAt ? formatDate(invoice.lastReminderAt) : "—"),
  },
  {
    key: "amountDue",
    header: "Amount due",
    align: "right",
    cell: (invoice) => formatCents(invoice.amountDueCents, invoice.currency),
  },
];

export default async function BillingPage({ searchParams }: { searchParams: Promise<UrlParams> }) {
  await requireStaff(permissionFor(PATH));
  const params = await searchParams;
  const tab = firstParam(params, "tab") === "retries" ? "retries" : "invoices";
  const query = parsePageParams(ZInvoiceFilters, params);
  const effective = tab === "retries" ? { ...query, retrying: "true" as const } : query;
  const [result, clientPicker] = await Promise.all([
    listInvoices(effective).catch((error: unknown) => {
      if (isAppError(error) && error.code === "validation_failed" && query.cursor)
        return listInvoices({ ...effective, cursor: undefined });
      throw error;
    }),
    clientFilter(query.tenantId),
  ]);
  const filtering = FILTERS.some((name) => query[name] !== undefined);
  const tabs = [
    { key: "invoices", label: "Invoices", href: hrefWith(PATH, params, { tab: null, cursor: null }) },
    { key: "retries", label: "Payment Retries", href: hrefWith(PATH, params, { tab: "retries", cursor: null }) },
  ];

  return (
    <>
      <PageHeader
        title="Billing"
        description="Invoices across clients, and Payment Retries for the ones that did not get paid on time."
      />
      <Tabs items={tabs} current={tab} label="Billing views" />
      {tab === "retries" ? <RetryAnalytics /> : null}
      <FilterBar
        pathname={PATH}
        params={params}
        keep={["tab"]}
        fields={[
          {
            kind: "select",
            name: "status",
            label: "Status",
            options: INVOICE_STATUSES.map((value) => ({ value, label: statusLabel(value) })),
          },
          clientPicker,
          { kind: "select", name: "overdue", label: "Overdue", options: [{ value: "true", label: "Overdue only" }] },
          { kind: "text", name: "from", label: "Issued from", placeholder: "YYYY-MM-DD" },
          { kind: "text", name: "to", label: "Issued to", placeholder: "YYYY-MM-DD" },
        ]}
      />
      <DataTable
        caption={tab === "retries" ? "Invoices in Payment Retries" : "Invoices"}
        columns={tab === "retries" ? RETRY_COLUMNS : INVOICE_COLUMNS}
        rows={result.data}
        rowKey={(invoice) => invoice.id}
        empty={
          filtering ? (
            <EmptyState
              icon={<SearchX />}
              title="No invoices match these filters"
              description="Try fewer filters, or clear them to see every invoice."
              action={
                <ButtonLink href={hrefWith(PATH, {}, { tab: tab === "retries" ? "retries" : null })}>
                  Clear filters
                </ButtonLink>
              }
            />
          ) : tab === "retries" ? (
            <EmptyState
              icon={<CircleCheck />}
              title="No payments being retried"
              description="Every invoice is paid or not yet due. Invoices that miss their due date show up here with their retry schedule."
            />
          ) : (
            <EmptyState
              icon={<Receipt />}
              title="No invoices yet"
              description="Invoices appear here once clients are billed for a period."
            />
          )
        }
      />
      <Pagination pathname={PATH} params={params} nextCursor={result.nextCursor} shown={result.data.length} />
    </>
  );
}
