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
import { AppError } from "../errors";
import { type CardRefund, refundCreditToCard } from "../payments/refund-credit-to-card";
import { recordFeatureUse } from "../usage/record-feature-use";
import { DISPUTE_REASON_LABELS } from "./dispute-rules";

type Lead = typeof leads.$inferSelect;
type Dispute = typeof leadDisputes.$inferSelect;

export type DisputeDecider = StaffActor | { kind: "system"; label: string; rule: string };

/** What an approved credit becomes: account credit (the default), or money back to the card that paid it. */
export const DISPUTE_SETTLEMENTS = ["credit", "refund_to_card"] as const;
export type DisputeSettlement = (typeof DISPUTE_SETTLEMENTS)[number];

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
  settlement: DisputeSettlement;
  /** The card refund that paid the credit out (settlement `refund_to_card`). */
  refundId: string | null;
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
    /** Default `credit`. `refund_to_card` needs a lead on an invoice paid by card through Stripe. */
    settlement?: DisputeSettlement;
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

  const settlement = input.settlement ?? "credit";
  let refund: CardRefund | null = null;
  if (settlement === "refund_to_card") {
    // Only a credit carried forward from a paid invoice is money the tenant already paid.
    if (input.decision !== "approve" || settled?.state !== "paid_invoice" || !settled.creditId || !settled.invoiceId) {
      throw new AppError(
        "unprocessable",
        "Refund to card is only offered for an approved lead whose invoice was paid by card — credit it instead",
        { details: [{ path: "settlement", message: "the lead's charge was not paid by card" }] },
      );
    }
    refund = await refundCreditToCard(tx, {
      tenantId,
      invoiceId: settled.invoiceId,
      creditId: settled.creditId,
      leadDisputeId: dispute.id,
      now,
    });
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

  const outcome = refund
    ? [
        `We refunded ${formatCents(refund.amountCents, refund.currency)} to ${cardName(refund.card)}; banks usually show it within 5–10 business days.`,
        input.note ? `Note from our team: ${input.note}` : "",
      ]
        .filter(Boolean)
        .join("\n")
    : describeOutcome(status, settled?.state ?? null, creditCents, input.note, tenant.tenant.currency);
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
    metadata: { disputeId: dispute.id, creditCents, billingState: settled?.state ?? null, settlement, to },
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
        settlement,
        refund: refund
          ? { id: refund.id, stripeRefundId: refund.stripeRefundId, paymentId: refund.paymentId, status: refund.status }
          : null,
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
  const summary = refund
    ? `Dispute approved — ${formatCents(refund.amountCents, refund.currency)} refunded to ${cardName(refund.card)}`
    : status === "approved"
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
    settlement,
    refundId: refund?.id ?? null,
  };
}

function cardName(card: CardRefund["card"]): string {
  if (!card) return "the card it was paid with";
  const brand = card.brand ? card.brand.charAt(0).toUpperCase() + card.brand.slice(1) : "Card";
  return `the ${brand} card ending ${card.last4}`;
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
