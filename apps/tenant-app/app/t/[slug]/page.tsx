import { summarizeLeadPipeline } from "@pp/core/leads/summarize-lead-pipeline";
import { getTenantDashboard } from "@pp/core/tenant-dashboard/get-tenant-dashboard";
import { StatusBadge } from "@pp/ui/badge";
import { ButtonLink } from "@pp/ui/button";
import { Card, KpiCard } from "@pp/ui/card";
import { DataTable } from "@pp/ui/data-table";
import { EmptyState } from "@pp/ui/empty-state";
import { formatCents, formatCount } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { CalendarClock, Inbox, Receipt, Scale } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DisputeBadge, sourceLabel } from "@/components/lead-labels";
import { PipelineCard } from "@/components/leads/pipeline-card";
import { Section } from "@/components/section";
import { formatDay, formatMoment, isoDayIn, timeZoneAbbreviation } from "@/lib/format";
import { requireMember } from "@/lib/session";

export const metadata: Metadata = { title: "Dashboard" };

// /t/[slug] – this week's leads, disputes, the next invoice and the latest leads.
export default async function DashboardPage({ params }: PageProps<"/t/[slug]">) {
  const { slug } = await params;
  const { actor, tenant } = await requireMember(slug);
  const [dashboard, pipeline] = await Promise.all([
    getTenantDashboard({ tenantId: tenant.id }),
    summarizeLeadPipeline({ tenantId: tenant.id }),
  ]);
  const zone = dashboard.timezone;
  const base = `/t/${slug}`;
  const invoice = dashboard.nextInvoice;
  const firstName = actor.name.split(" ")[0] || actor.email;

  return (
    <>
      <PageHeader
        title={`Welcome back, ${firstName}`}
        description={`Week of ${formatDay(dashboard.weekStartsAt, zone)} · times in ${timeZoneAbbreviation(zone)}`}
        actions={<ButtonLink href={`${base}/leads`}>All leads</ButtonLink>}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <KpiCard
          label="New leads this week"
          value={formatCount(dashboard.newLeadsThisWeek)}
          hint={`Since Monday, ${formatDay(dashboard.weekStartsAt, zone)}`}
          icon={<Inbox />}
          href={`${base}/leads?from=${isoDayIn(dashboard.weekStartsAt, zone)}`}
        />
        <KpiCard
          label="Disputes pending"
          value={formatCount(dashboard.disputesPending)}
          hint={dashboard.disputesPending === 0 ? "Nothing waiting on a decision" : "Waiting for a decision"}
          icon={<Scale />}
          tone={dashboard.disputesPending > 0 ? "warn" : "neutral"}
          href={`${base}/leads?dispute=pending`}
        />
        <KpiCard
          label={invoice?.overdue ? "Overdue invoice" : "Next invoice"}
          value={invoice ? formatCents(invoice.amountDueCents, invoice.currency) : "No invoice due"}
          hint={
            invoice
              ? `${invoice.number} · ${invoice.overdue ? "overdue since" : "due"} ${formatDay(invoice.dueAt, zone)}${invoice.status === "draft" ? " · draft" : ""}`
              : "You are all paid up"
          }
          icon={<Receipt />}
          tone={invoice?.overdue ? "danger" : "neutral"}
        />
      </div>

      <div className="mt-6">
        <PipelineCard slug={slug} pipeline={pipeline} />
      </div>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Section
            title="Recent leads"
            description="The five newest leads"
            actions={
              <Link href={`${base}/leads`} className="text-sm font-medium text-brand-700 hover:text-brand-800">
                View all
              </Link>
            }
          >
            <DataTable
              phoneCards
              caption="Recent leads"
              rows={dashboard.recentLeads}
              rowKey={(lead) => lead.id}
              columns={[
                {
                  key: "contact",
                  header: "Contact",
                  cell: (lead) => (
                    <Link href={`${base}/leads/${lead.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                      {lead.contactName}
                    </Link>
                  ),
                },
                { key: "category", header: "Job", cell: (lead) => lead.categoryName ?? lead.category },
                { key: "source", header: "Source", cell: (lead) => sourceLabel(lead.source) },
                { key: "status", header: "Status", cell: (lead) => <StatusBadge status={lead.status} /> },
                { key: "received", header: "Received", cell: (lead) => formatMoment(lead.receivedAt, zone) },
              ]}
              empty={
                <EmptyState
                  title="No leads yet"
                  description="New leads from your web forms, phone line and the marketplace show up here. Make sure your service areas are right so you receive them."
                  action={<ButtonLink href={`${base}/settings`}>Check service areas</ButtonLink>}
                />
              }
            />
          </Section>
        </div>

        <Card title="Dispute decisions" description="Decided in the last 30 days">
          {dashboard.disputesRecentlyDecided.length === 0 ? (
            <p className="flex items-center gap-2 text-sm text-slate-500">
              <CalendarClock aria-hidden className="size-4" />
              No disputes decided recently.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {dashboard.disputesRecentlyDecided.map((dispute) => (
                <li key={dispute.id} className="flex items-center justify-between gap-3 py-2.5 first:pt-0 last:pb-0">
                  <div className="min-w-0">
                    <Link
                      href={`${base}/leads/${dispute.leadId}`}
                      className="block truncate text-sm font-medium text-slate-900 hover:text-brand-700"
                    >
                      {dispute.contactName}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {formatDay(dispute.decidedAt, zone)}
                      {dispute.status === "approved" && dispute.creditCents > 0
                        ? ` · ${formatCents(dispute.creditCents)} credited`
                        : ""}
                    </p>
                  </div>
                  <DisputeBadge status={dispute.status} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
