import type { Executor } from "@pp/db";
import { cardDisputes, type payments } from "@pp/db/schema";
import { sql } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Stripe } from "./stripe-client";

const STRIPE = { kind: "system", label: "stripe" } as const;

/**
 * Keeps a card chargeback as Stripe last reported it (`charge.dispute.created` / `.updated` /
 * `.closed`): one row per Stripe dispute, written only when the event is newer than what the row
 * holds, so replays and out-of-order events are harmless. The first report is audited; open ones
 * are an Action Center item (`chargebacks`) until Stripe closes them.
 */
export async function recordCardDispute(
  input: { dispute: Stripe.Dispute; eventCreatedAt: Date; payment: typeof payments.$inferSelect },
  tx: Executor,
): Promise<void> {
  const { dispute, eventCreatedAt, payment } = input;
  const values = {
    tenantId: payment.tenantId,
    invoiceId: payment.invoiceId,
    paymentId: payment.id,
    disputeId: dispute.id,
    amountCents: dispute.amount,
    currency: dispute.currency.toUpperCase(),
    reason: dispute.reason,
    status: dispute.status,
    evidenceDueBy: dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000) : null,
    reportedAt: eventCreatedAt,
  };
  const written = await tx
    .insert(cardDisputes)
    .values(values)
    .onConflictDoUpdate({
      target: cardDisputes.disputeId,
      set: {
        status: values.status,
        amountCents: values.amountCents,
        evidenceDueBy: values.evidenceDueBy,
        reportedAt: values.reportedAt,
        updatedAt: sql`now()`,
      },
      // Stripe's `created` has second resolution: on a tie a closing report wins, so a closed dispute never reopens.
      setWhere: sql`${cardDisputes.reportedAt} < excluded.reported_at
        or (${cardDisputes.reportedAt} = excluded.reported_at and excluded.status in ('won', 'lost', 'warning_closed'))`,
    })
    .returning({ id: cardDisputes.id, inserted: sql<boolean>`xmax = 0` });
  const row = written[0];
  if (!row) return;
  await recordAuditEvent(
    {
      actor: STRIPE,
      action: row.inserted ? "invoice.card_disputed" : "invoice.card_dispute_updated",
      tenantId: payment.tenantId,
      target: { type: "invoice", id: payment.invoiceId },
      after: {
        paymentId: payment.id,
        disputeId: dispute.id,
        reason: dispute.reason,
        status: dispute.status,
        amountCents: dispute.amount,
      },
    },
    tx,
  );
}
