import { staffCan } from "@pp/core/auth/permissions";
import { describeDisputeCredit, leadBillingStateOf } from "@pp/core/billing/describe-lead-billing";
import { isAppError } from "@pp/core/errors";
import { DISPUTE_REASON_LABELS } from "@pp/core/leads/dispute-rules";
import { getProviderLead, type ProviderLeadDetail } from "@pp/core/leads/get-provider-lead";
import { StatusBadge, statusLabel } from "@pp/ui/badge";
import { Card } from "@pp/ui/card";
import { formatCents, formatDate, formatDateTime } from "@pp/ui/format";
import { PageHeader } from "@pp/ui/page-header";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache, type ReactNode } from "react";
import { permissionFor } from "@/lib/navigation";
import { requireStaff } from "@/lib/session";
import { DisputeDecisionForm, ReclassifyLeadForm } from "./lead-actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const loadLead = cache(async (leadId: string): Promise<ProviderLeadDetail> => {
  try {
    return await getProviderLead({ leadId });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await requireStaff(permissionFor("/provider/leads"));
  const lead = await loadLead((await params).id);
  return { title: `Lead from ${lead.contact.name}` };
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-right text-slate-900">{children}</dd>
    </div>
  );
}

export default async function LeadDetailPage({ params }: Props) {
  const staff = await requireStaff(permissionFor("/provider/leads"));
  const lead = await loadLead((await params).id);
  const canWrite = staffCan(staff.role, "leads:write");
  const { billing, dispute } = lead;
  const money = (cents: number) => formatCents(cents, billing.currency);
  const signed = (cents: number) => `${cents >= 0 ? "+" : "−"}${money(Math.abs(cents))}`;

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/provider/leads" className="hover:text-brand-700">
            Leads & Disputes
          </Link>
        }
        title={`${lead.categoryName ?? lead.category} lead from ${lead.contact.name}`}
        description={
          <>
            For{" "}
            <Link href={`/provider/clients/${lead.tenantId}`} className="font-medium hover:text-brand-700">
              {lead.tenantName}
            </Link>{" "}
            · received {formatDateTime(lead.receivedAt)}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Lead">
          <dl>
            <Row label="Status">
              <StatusBadge status={lead.status} />
            </Row>
            <Row label="Source">{statusLabel(lead.source)}</Row>
            <Row label="Category">{lead.categoryName ?? lead.category}</Row>
            <Row label="Price">{formatCents(lead.priceCents)}</Row>
            <Row label="Homeowner">
              {[lead.contact.name, lead.contact.phone, lead.contact.email].filter(Boolean).join(" · ")}
            </Row>
            <Row label="Service address">
              {[lead.serviceAddress.line1, lead.serviceAddress.city, lead.serviceAddress.state, lead.serviceAddress.zip]
                .filter(Boolean)
                .join(", ")}
            </Row>
            {lead.description ? <Row label="Description">{lead.description}</Row> : null}
          </dl>
        </Card>
        <Card title="Attribution">
          {lead.attribution ? (
            <dl>
              <Row label="Channel">{lead.attribution.channel}</Row>
              <Row label="Campaign">{lead.attribution.campaign ?? "—"}</Row>
              <Row label="Cost">{formatCents(lead.attribution.costCents)}</Row>
            </dl>
          ) : (
            <p className="text-sm text-slate-500">No attribution recorded for this lead.</p>
          )}
        </Card>
        <Card title="Billing" description="Where this lead's charge stands.">
          <dl>
            <Row label="Billing status">
              <StatusBadge status={lead.billingStatus} />
            </Row>
            <Row label="Price now">
              {money(lead.priceCents)}
              {lead.categoryName ? <span className="text-slate-500"> ({lead.categoryName})</span> : null}
            </Row>
            <Row label="Invoice">
              {billing.invoice ? (
                <Link
                  href={`/provider/billing/invoices/${billing.invoice.id}`}
                  className="font-medium hover:text-brand-700"
                >
                  {billing.invoice.number} ({statusLabel(billing.invoice.status)})
                </Link>
              ) : lead.billingStatus === "billable" ? (
                `Not invoiced yet — the next invoice bills ${money(lead.priceCents)}`
              ) : (
                "Not invoiced"
              )}
            </Row>
            {billing.lineAmountCents !== null ? (
              <Row label="Invoice line">
                {money(billing.lineAmountCents)}
                {billing.included ? " (included in the plan)" : ""}
              </Row>
            ) : null}
            {billing.adjustments.map((adjustment) => (
              <Row key={adjustment.id} label={`Adjustment on ${adjustment.invoiceNumber}`}>
                <span title={adjustment.description}>{signed(adjustment.amountCents)}</span>
              </Row>
            ))}
            {billing.creditLine ? <Row label="Credit line">{money(billing.creditLine.amountCents)}</Row> : null}
            {billing.carriedCredit ? (
              <Row label="Carried-forward credit">
                {money(billing.carriedCredit.amountCents)}{" "}
                {billing.carriedCredit.appliedInvoiceId ? "(applied)" : "(waiting for the next invoice)"}
              </Row>
            ) : null}
            {billing.invoice ? <Row label="Billed in all">{money(billing.billedNetCents)}</Row> : null}
          </dl>
        </Card>
        <Card title="Dispute">
          {dispute ? (
            <dl>
              <Row label="Status">
                <StatusBadge status={dispute.status} />
              </Row>
              <Row label="Reason">{DISPUTE_REASON_LABELS[dispute.reasonCode]}</Row>
              <Row label="Evidence">{dispute.evidenceNote ?? "—"}</Row>
              <Row label="Raised">{formatDateTime(dispute.raisedAt)}</Row>
              {dispute.decidedAt ? <Row label="Decided">{formatDateTime(dispute.decidedAt)}</Row> : null}
              {dispute.decisionNote ? <Row label="Decision note">{dispute.decisionNote}</Row> : null}
              {dispute.autoApprovedRule ? <Row label="Approved by rule">{dispute.autoApprovedRule}</Row> : null}
              {dispute.status === "approved" ? (
                <Row label="Billing">
                  {describeDisputeCredit({
                    creditCents: dispute.creditCents,
                    currency: billing.currency,
                    state: leadBillingStateOf({ invoice: billing.invoice, included: billing.included }),
                    invoiceNumber: billing.invoice?.number ?? null,
                  })}
                </Row>
              ) : null}
            </dl>
          ) : (
            <p className="text-sm text-slate-500">The client has not disputed this lead.</p>
          )}
          {dispute?.status === "pending" && canWrite ? (
            <DisputeDecisionForm leadId={lead.id} refundableByCard={billing.refundableByCard} />
          ) : null}
        </Card>
        {canWrite ? (
          <Card
            title="Reclassify Lead"
            description="Moves the lead to another category and its price; billing follows."
          >
            <ReclassifyLeadForm
              leadId={lead.id}
              current={lead.category}
              categories={lead.categories.map((category) => ({
                value: category.code,
                label: `${category.name} (${formatCents(category.priceCents)})`,
              }))}
            />
          </Card>
        ) : null}
        {lead.reclassifications.length > 0 ? (
          <Card title="Reclassification history">
            <ul className="space-y-2 text-sm">
              {lead.reclassifications.map((entry) => (
                <li key={entry.id}>
                  {formatDate(entry.at)}: {entry.fromCategoryName} ({money(entry.fromPriceCents)}) →{" "}
                  {entry.toCategoryName} ({money(entry.toPriceCents)}) — {entry.reason}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
