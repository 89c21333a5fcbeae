import type { Executor } from "@pp/db";
import { activities, invoices, leadCategories, leadDisputes, leads, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { billingContactOf } from "../billing/billing-contact";
import { formatCents } from "../billing/billing-dates";
import { describeDisputeCredit } from "../billing/describe-lead-billing";
import { type LeadBillingState, settleLeadPriceChange } from "../billing/settle-lead-price-change";
import { enqueueEmail } from "../email/enqueue-email";
import { recordFeatureUse } from "../usage/record-feature-use";
import { DISPUTE_REASON_LABELS } from "./dispute-rules";

type Lead = typeof leads.$inferSelect;
type Dispute = typeof leadDisputes.$inferSelect;

export type DisputeDecider = StaffActor | { kind: "system"; label: string; rule: string };

export type DisputeDecision = {
  disputeId: string;
  leadId: string;
  status: "approved" | "rejected";
  creditCents: number;
  /** The client's currency, which the credit is in. */
  currency: string;
  billingState: LeadBillingState | null;
  invoiceId: string | null;
  creditLineId: string | null;
  tenantCreditId: string | null;
  /** "Dispute approved — Removed from the next invoice": what staff are told. */
  summary: string;
};

/**
 * The one decision path for a pending dispute (staff Approve Dispute / Reject and the automatic
 * duplicate approval). The caller holds the dispute and its lead FOR UPDATE in `tx`.
 */
export async function applyDisputeDecision(
  tx: Executor,
  input: {
    dispute: Dispute;
    lead: Lead;
    decision: "approve" | "reject";
    note: string | null;
    decider: DisputeDecider;
    now: Date;
    context?: AuditContext;
  },
): Promise<DisputeDecision> {
  const { dispute, lead, decider, now } = input;
  const tenantId = lead.tenantId;
  const [tenant] = await tx
    .select({ tenant: tenants, categoryName: leadCategories.name })
    .from(tenants)
    .leftJoin(leadCategories, and(eq(leadCategories.trade, tenants.trade), eq(leadCategories.code, lead.category)))
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenant ${tenantId} does not exist`);
  const leadName = `${tenant.categoryName ?? lead.category} lead from ${lead.contact.name}`;

  let settled: Awaited<ReturnType<typeof settleLeadPriceChange>> | null = null;
  if (input.decision === "approve" && lead.billingStatus === "billable") {
    settled = await settleLeadPriceChange(
      {
        tenantId,
        lead,
        targetCents: 0,
        kind: "credit",
        description: `Credit: disputed ${leadName} (${DISPUTE_REASON_LABELS[dispute.reasonCode]})`,
        now,
      },
      tx,
    );
    await tx
      .update(leads)
      .set({ billingStatus: "credited", updatedAt: now })
      .where(and(eq(leads.id, lead.id), eq(leads.tenantId, tenantId)));
  }

  const status = input.decision === "approve" ? "approved" : "rejected";
  const creditCents = Math.max(0, settled?.creditedCents ?? 0);
  const [decided] = await tx
    .update(leadDisputes)
    .set({
      status,
      decidedBy: decider.kind === "staff" ? decider.userId : null,
      decidedAt: now,
      decisionNote: input.note,
      autoApproved: decider.kind === "system" ? decider.rule : null,
      creditCents,
      creditLineId: settled?.lineId ?? null,
      updatedAt: now,
    })
    .where(and(eq(leadDisputes.id, dispute.id), eq(leadDisputes.tenantId, tenantId)))
    .returning();
  if (!decided) throw new Error("dispute update returned no row");

  const outcome = describeOutcome(status, settled?.state ?? null, creditCents, input.note, tenant.tenant.currency);
  const to = billingContactOf(tenant.tenant);
  if (to) {
    await enqueueEmail(
      {
        to,
        subject: `Your dispute was ${status}: ${leadName}`,
        text: [`Your dispute of the ${leadName} was ${status}.`, outcome].join("\n\n"),
        kind: "lead_dispute_decided",
        tenantId,
        related: { type: "lead", id: lead.id },
      },
      tx,
    );
  }
  await tx.insert(activities).values({
    tenantId,
    kind: "email",
    title: `Dispute ${status}: ${leadName}`,
    actorId: decider.kind === "staff" ? decider.userId : null,
    relatedType: "lead",
    relatedId: lead.id,
    metadata: { disputeId: dispute.id, creditCents, billingState: settled?.state ?? null, to },
    at: now,
  });
  await recordAuditEvent(
    {
      actor: decider.kind === "staff" ? decider : { kind: "system", label: `dispute-rule:${decider.rule}` },
      action: status === "approved" ? "lead.dispute_approved" : "lead.dispute_rejected",
      tenantId,
      target: { type: "lead", id: lead.id },
      before: { disputeStatus: dispute.status, billingStatus: lead.billingStatus },
      after: {
        disputeStatus: status,
        billingStatus: status === "approved" && lead.billingStatus === "billable" ? "credited" : lead.billingStatus,
        creditCents,
        billingState: settled?.state ?? null,
        invoiceId: settled?.invoiceId ?? null,
        note: input.note,
      },
      context: input.context,
    },
    tx,
  );
  if (decider.kind === "staff") {
    await recordFeatureUse(
      {
        tenantId,
        userId: decider.userId,
        app: "portal",
        featureKey: status === "approved" ? "ApproveDispute" : "RejectDispute",
        metadata: { leadId: lead.id, disputeId: dispute.id },
        at: now,
      },
      tx,
    );
  }
  const [invoice] = settled?.invoiceId
    ? await tx
        .select({ number: invoices.number })
        .from(invoices)
        .where(and(eq(invoices.id, settled.invoiceId), eq(invoices.tenantId, tenantId)))
    : [];
  const summary =
    status === "approved"
      ? `Dispute approved — ${describeDisputeCredit({
          creditCents,
          currency: tenant.tenant.currency,
          state: settled?.state ?? null,
          invoiceNumber: invoice?.number ?? null,
        })}`
      : "Dispute rejected — the lead stays billable";
  return {
    summary,
    disputeId: dispute.id,
    leadId: lead.id,
    status,
    creditCents,
    currency: tenant.tenant.currency,
    billingState: settled?.state ?? null,
    invoiceId: settled?.invoiceId ?? null,
    creditLineId: settled?.lineId ?? null,
    tenantCreditId: settled?.creditId ?? null,
  };
}

function describeOutcome(
  status: string,
  state: LeadBillingState | null,
  creditCents: number,
  note: string | null,
  currency: string,
): string {
  const because = note ? `Note from our team: ${note}` : "";
  if (status === "rejected") return ["The lead stays on your bill.", because].filter(Boolean).join("\n");
  const billing =
    state === "open_invoice" && creditCents > 0
      ? `We credited ${formatCents(creditCents, currency)} on the invoice it was billed on.`
      : state === "paid_invoice" && creditCents > 0
        ? `A credit of ${formatCents(creditCents, currency)} will be applied to your next invoice.`
        : state === "included"
          ? "It was one of your plan's included leads, so there was no charge to credit."
          : state === "uninvoiced"
            ? "You will not be charged for it."
            : "There was no charge left on it to credit.";
  return [billing, because].filter(Boolean).join("\n");
}
