import { fieldIssues, isAppError } from "@pp/core/errors";
import { ZTenantLeadFilters } from "@pp/core/leads/lead-filters";
import { pipelineView } from "@pp/core/leads/lead-pipeline";
import { listTenantLeadCategories } from "@pp/core/leads/list-tenant-lead-categories";
import { listTenantLeads } from "@pp/core/leads/list-tenant-leads";
import { DISPUTE_STATUSES, LEAD_BILLING_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from "@pp/db/schema";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { FilterBar, type FilterField } from "@pp/ui/filter-bar";
import { formatCents } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { Pagination } from "@pp/ui/pagination";
import type { UrlParams } from "@pp/ui/url";
import { FilterX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import {
  BILLING_STATUS_LABELS,
  BillingStatusBadge,
  DisputeBadge,
  LEAD_SOURCE_LABELS,
  sourceLabel,
} from "@/components/lead-labels";
import { NextStageButton } from "@/components/leads/lead-pipeline";
import { formatMoment, timeZoneAbbreviation } from "@/lib/format";
import { requireMember } from "@/lib/session";

export const metadata: Metadata = { title: "Leads" };

const FILTER_NAMES = ["search", "status", "source", "category", "billingStatus", "dispute", "from", "to"] as const;

const options = (values: readonly string[], labels: Record<string, string> = {}) =>
  values.map((value) => ({ value, label: labels[value] ?? statusLabel(value) }));

// /t/[slug]/leads – every lead the tenant received, filtered and paged through the URL.
export default async function LeadsPage({ params, searchParams }: PageProps<"/t/[slug]/leads">) {
  const { slug } = await params;
  const query: UrlParams = await searchParams;
  const { tenant } = await requireMember(slug);
  const pathname = `/t/${slug}/leads`;
  const zone = tenant.timezone;

  const categories = await listTenantLeadCategories({ tenantId: tenant.id });
  const fields: FilterField[] = [
    { kind: "search", name: "search", label: "Search", placeholder: "Name, phone, email, ZIP or description" },
    { kind: "select", name: "status", label: "Status", options: options(LEAD_STATUSES) },
    { kind: "select", name: "source", label: "Source", options: options(LEAD_SOURCES, LEAD_SOURCE_LABELS) },
    {
      kind: "select",
      name: "category",
      label: "Job type",
      options: categories.map((category) => ({ value: category.code, label: category.name })),
    },
    {
      kind: "select",
      name: "billingStatus",
      label: "Billing",
      options: options(LEAD_BILLING_STATUSES, BILLING_STATUS_LABELS),
    },
    {
      kind: "select",
      name: "dispute",
      label: "Dispute",
      options: [...options(DISPUTE_STATUSES), { value: "none", label: "Not disputed" }],
    },
    { kind: "text", name: "from", label: "Received from", placeholder: "YYYY-MM-DD" },
    { kind: "text", name: "to", label: "Received to", placeholder: "YYYY-MM-DD" },
  ];
  const filtering = FILTER_NAMES.some((name) => typeof query[name] === "string" && query[name] !== "");
  const clearFilters = (
    <ButtonLink href={pathname}>
      <FilterX aria-hidden className="size-4" />
      Clear filters
    </ButtonLink>
  );

  const header = (
    <>
      <PageHeader
        title="Leads"
        description={`Every lead sent to ${tenant.name}, newest first. Times in ${timeZoneAbbreviation(zone)}.`}
      />
      {/* The pipeline set during onboarding ("Pipelines & Workflows"), in order. */}
      {tenant.pipelineStages?.length ? (
        <ol aria-label="Pipeline stages" className="mb-4 flex flex-wrap items-center gap-1.5 text-xs">
          {tenant.pipelineStages.map((stage, index) => (
            <li key={stage.key} className="flex items-center gap-1.5">
              {index > 0 ? (
                <span aria-hidden className="text-slate-400">
                  ›
                </span>
              ) : null}
              <span className="rounded-full bg-brand-50 px-2.5 py-1 font-medium text-brand-700 ring-1 ring-brand-600/20">
                {stage.label}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );

  const parsed = ZTenantLeadFilters.safeParse(firstValues(query));
  if (!parsed.success) {
    const [issue] = fieldIssues(parsed.error);
    return (
      <>
        {header}
        <FilterBar pathname={pathname} params={query} fields={fields} />
        <EmptyState
          icon={<FilterX />}
          title="These filters are not valid"
          description={issue ? `${labelOf(fields, issue.path)}: ${issue.message}.` : "Check the filters and try again."}
          action={clearFilters}
        />
      </>
    );
  }

  let page: Awaited<ReturnType<typeof listTenantLeads>>;
  try {
    page = await listTenantLeads({ ...parsed.data, tenantId: tenant.id });
  } catch (error) {
    // A stale or hand-edited cursor: say so and offer the first page, not an error screen.
    if (!isAppError(error) || error.code !== "validation_failed") throw error;
    return (
      <>
        {header}
        <EmptyState
          icon={<FilterX />}
          title="This page of results is no longer available"
          description={error.message}
          action={<ButtonLink href={pathname}>Back to the first page</ButtonLink>}
        />
      </>
    );
  }

  return (
    <>
      {header}
      <FilterBar pathname={pathname} params={query} fields={fields} />
      <DataTable
        phoneCards
        caption="Leads"
        rows={page.data}
        rowKey={(lead) => lead.id}
        columns={[
          {
            key: "received",
            header: "Received",
            cell: (lead) => <span className="whitespace-nowrap">{formatMoment(lead.receivedAt, zone)}</span>,
          },
          {
            key: "contact",
            header: "Contact",
            cell: (lead) => (
              <Link
                href={`${pathname}/${lead.id}`}
                className="font-medium whitespace-nowrap text-slate-900 hover:text-brand-700"
              >
                {lead.contactName}
              </Link>
            ),
          },
          { key: "category", header: "Job type", cell: (lead) => lead.categoryName ?? lead.category },
          { key: "source", header: "Source", cell: (lead) => sourceLabel(lead.source) },
          {
            key: "stage",
            header: "Stage",
            cell: (lead) => {
              const view = pipelineView(lead, tenant.pipelineStages);
              const here = view.currentIndex === null ? undefined : view.stages[view.currentIndex];
              const next = view.currentIndex === null ? undefined : view.stages[view.currentIndex + 1];
              return (
                <div className="flex items-center gap-2 whitespace-nowrap">
                  {here ? <span className="text-slate-700">{here.label}</span> : <StatusBadge status={lead.status} />}
                  {next ? <NextStageButton slug={slug} leadId={lead.id} next={next} /> : null}
                </div>
              );
            },
          },
          { key: "price", header: "Price", align: "right", cell: (lead) => formatCents(lead.priceCents) },
          { key: "billing", header: "Billing", cell: (lead) => <BillingStatusBadge status={lead.billingStatus} /> },
          { key: "dispute", header: "Dispute", cell: (lead) => <DisputeBadge status={lead.disputeStatus} /> },
        ]}
        empty={
          filtering ? (
            <EmptyState
              icon={<FilterX />}
              title="No leads match these filters"
              description="Widen the date range or clear a filter to see more leads."
              action={clearFilters}
            />
          ) : (
            <EmptyState
              title="No leads yet"
              description="Leads from your web forms, phone line, imports and the marketplace appear here as they arrive. Check that your service areas cover the ZIP codes you work in."
              action={<ButtonLink href={`/t/${slug}/settings`}>Review service areas</ButtonLink>}
            />
          )
        }
      />
      <Pagination pathname={pathname} params={query} nextCursor={page.nextCursor} shown={page.data.length} />
    </>
  );
}

/** `?status=a&status=b` keeps the first value: the filters are single-valued. */
function firstValues(query: UrlParams): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(query).map(([name, value]) => [name, Array.isArray(value) ? value[0] : value]),
  );
}

function labelOf(fields: readonly FilterField[], path: string): string {
  return fields.find((field) => field.name === path)?.label ?? path;
}
