import { isAppError } from "@pp/core/errors";
import { DISPUTE_REASON_OPTIONS, disputeWindowClosesAt, isDisputeWindowOpen } from "@pp/core/leads/dispute-rules";
import { getLeadOrThrow, type TenantLeadDetail } from "@pp/core/leads/get-lead-or-throw";
import { pipelineView } from "@pp/core/leads/lead-pipeline";
import { humanize } from "@pp/core/leads/list-tenant-lead-categories";
import { StatusBadge } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { formatCents } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Fact, Facts } from "@/components/facts";
import { BillingStatusBadge, DISPUTE_REASON_LABELS, sourceLabel } from "@/components/lead-labels";
import { LeadPipeline } from "@/components/leads/lead-pipeline";
import { formatDay, formatMoment } from "@/lib/format";
import { requireMember } from "@/lib/session";
import { DisputeLeadForm } from "./dispute-lead-form";

export const metadata: Metadata = { title: "Lead" };

// /t/[slug]/leads/[leadId] – one lead: contact, job, billing, attribution, dispute and history (read-only).
export default async function LeadPage({ params }: PageProps<"/t/[slug]/leads/[leadId]">) {
  const { slug, leadId } = await params;
  const { tenant } = await requireMember(slug);
  const lead = await getLeadOrThrow({ tenantId: tenant.id, leadId }).catch((error: unknown) => {
    // Another tenant's lead, a deleted one and a mistyped id all read as "not found".
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const zone = tenant.timezone;
  const categoryName = lead.categoryName ?? humanize(lead.category);

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href={`/t/${slug}/leads`} className="inline-flex items-center gap-1 hover:text-slate-800">
            <ArrowLeft aria-hidden className="size-3.5" />
            All leads
          </Link>
        }
        title={lead.contact.name}
        description={`${categoryName} · received ${formatMoment(lead.receivedAt, zone)} via ${sourceLabel(lead.source).toLowerCase()}`}
        actions={<StatusBadge status={lead.status} />}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Job">
            <Facts>
              <Fact label="Job type">{categoryName}</Fact>
              <Fact label="Price">{formatCents(lead.priceCents)}</Fact>
              <Fact label="Status">
                <StatusBadge status={lead.status} />
              </Fact>
              <Fact label="Source">{sourceLabel(lead.source)}</Fact>
              <Fact label="Description" wide>
                {lead.description ? <p className="whitespace-pre-line">{lead.description}</p> : "No description given"}
              </Fact>
            </Facts>
          </Card>
          <Card title="Pipeline" description="Where this job stands. Moving it updates your dashboard and the API.">
            <LeadPipeline slug={slug} leadId={lead.id} pipeline={pipelineView(lead, tenant.pipelineStages)} />
          </Card>
          <Card title="Dispute" description="Leads that were not genuine jobs can be disputed for a credit.">
            <DisputeSection dispute={lead.dispute} zone={zone} />
            {lead.dispute ? null : (
              <DisputeLeadForm
                slug={slug}
                leadId={lead.id}
                billable={lead.billingStatus === "billable"}
                windowOpen={isDisputeWindowOpen(lead.receivedAt, new Date())}
                windowClosesOn={formatDay(disputeWindowClosesAt(lead.receivedAt), zone)}
                reasons={DISPUTE_REASON_OPTIONS}
              />
            )}
          </Card>
          <Card title="Reclassification history" description="Job-type changes made after the lead arrived.">
            {lead.reclassifications.length === 0 ? (
              <p className="text-sm text-slate-500">This lead has kept its original job type.</p>
            ) : (
              <ol className="space-y-3">
                {lead.reclassifications.map((change) => (
                  <li key={change.id} className="text-sm">
                    <p className="font-medium text-slate-900">
                      {change.fromCategoryName} → {change.toCategoryName}{" "}
                      <span className="font-normal text-slate-500">
                        ({formatCents(change.fromPriceCents)} → {formatCents(change.toPriceCents)})
                      </span>
                    </p>
                    <p className="text-xs text-slate-500">
                      {formatMoment(change.at, zone)} · {change.reason}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Contact">
            <Facts>
              <Fact label="Name" wide>
                {lead.contact.name}
              </Fact>
              <Fact label="Phone" wide>
                {lead.contact.phone ? (
                  <a href={`tel:${lead.contact.phone}`} className="text-brand-700 hover:underline">
                    {lead.contact.phone}
                  </a>
                ) : (
                  "—"
                )}
              </Fact>
              <Fact label="Email" wide>
                {lead.contact.email ? (
                  <a href={`mailto:${lead.contact.email}`} className="text-brand-700 hover:underline">
                    {lead.contact.email}
                  </a>
                ) : (
                  "—"
                )}
              </Fact>
              <Fact label="Service address" wide>
                <address className="not-italic">
                  {lead.serviceAddress.line1 ? <span className="block">{lead.serviceAddress.line1}</span> : null}
                  {[lead.serviceAddress.city, lead.serviceAddress.state].filter(Boolean).join(", ")}{" "}
                  {lead.serviceAddress.zip}
                </address>
              </Fact>
            </Facts>
          </Card>
          <Card title="Billing">
            <Facts>
              <Fact label="Billing status" wide>
                <BillingStatusBadge status={lead.billingStatus} />
              </Fact>
              <Fact label="Invoice" wide>
                {lead.invoice ? (
                  <>
                    {lead.invoice.number} <StatusBadge status={lead.invoice.status} className="ml-1" />
                  </>
                ) : lead.billingStatus === "billable" ? (
                  "Not invoiced yet — it will appear on your next invoice"
                ) : (
                  "Not invoiced"
                )}
              </Fact>
            </Facts>
          </Card>
          <Card title="Attribution">
            {lead.attribution ? (
              <Facts>
                <Fact label="Channel" wide>
                  {humanize(lead.attribution.channel)}
                </Fact>
                <Fact label="Campaign" wide>
                  {lead.attribution.campaign ?? "—"}
                </Fact>
              </Facts>
            ) : (
              <p className="text-sm text-slate-500">No campaign is recorded for this lead.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

function DisputeSection({ dispute, zone }: { dispute: TenantLeadDetail["dispute"]; zone: string }) {
  if (!dispute) return <p className="text-sm text-slate-500">This lead has not been disputed.</p>;
  return (
    <Facts>
      <Fact label="Status">
        <StatusBadge status={dispute.status} />
      </Fact>
      <Fact label="Raised">{formatDay(dispute.raisedAt, zone)}</Fact>
      <Fact label="Reason">{DISPUTE_REASON_LABELS[dispute.reasonCode] ?? dispute.reasonCode}</Fact>
      <Fact label="Decided">{dispute.decidedAt ? formatDay(dispute.decidedAt, zone) : "Waiting for a decision"}</Fact>
      {dispute.evidenceNote ? (
        <Fact label="Dispute note" wide>
          {dispute.evidenceNote}
        </Fact>
      ) : null}
      {dispute.status !== "pending" ? (
        <Fact label="Decision" wide>
          {dispute.status === "approved"
            ? `Approved${dispute.creditCents > 0 ? ` — ${formatCents(dispute.creditCents)} credited` : ""}${dispute.autoApprovedRule ? " automatically" : ""}.`
            : "Rejected — the lead stays billable."}
          {dispute.decisionNote ? <span className="mt-1 block text-slate-500">{dispute.decisionNote}</span> : null}
        </Fact>
      ) : null}
    </Facts>
  );
}
