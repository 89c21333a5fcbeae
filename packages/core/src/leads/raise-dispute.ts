import { db, type Executor, isUniqueViolation } from "@pp/db";
import { DISPUTE_REASONS, leadDisputes, leads } from "@pp/db/schema";
import { and, eq, gte, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { applyDisputeDecision, type DisputeDecision } from "./apply-dispute-decision";
import {
  AUTO_APPROVED_DUPLICATE_RULE,
  DISPUTE_WINDOW_DAYS,
  disputeWindowClosesAt,
  duplicateWindowStart,
  isDisputeWindowOpen,
} from "./dispute-rules";

export const ZRaiseDispute = z.object({
  reasonCode: z.enum(DISPUTE_REASONS, "choose a reason from the list"),
  note: z.string().trim().max(2_000, "must be at most 2,000 characters").optional(),
});
export type TRaiseDispute = z.input<typeof ZRaiseDispute>;

export type RaiseDisputeOptions = TRaiseDispute & {
  tenantId: string;
  leadId: string;
  actor: MemberActor;
  now?: Date;
  windowDays?: number;
  context?: AuditContext;
};

export type RaisedDispute = {
  disputeId: string;
  leadId: string;
  status: "pending" | "approved" | "rejected";
  autoApproved: boolean;
  creditCents: number;
  decision: DisputeDecision | null;
};

/**
 * A tenant member disputes one of the tenant's leads (one dispute per lead, within the window). A
 * `duplicate` dispute of a lead that already reached the tenant in the 24 hours before is approved
 * at once, through the same decision path staff use.
 */
export async function raiseDispute(options: RaiseDisputeOptions, executor: Executor = db): Promise<RaisedDispute> {
  const { tenantId, leadId, actor } = options;
  const { reasonCode, note } = parseInput(ZRaiseDispute, { reasonCode: options.reasonCode, note: options.note });
  const now = options.now ?? new Date();
  const windowDays = options.windowDays ?? DISPUTE_WINDOW_DAYS;
  if (!isUuid(leadId)) throw new AppError("not_found", "Lead not found");
  try {
    return await executor.transaction(async (tx) => {
      const [lead] = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.id, leadId), eq(leads.tenantId, tenantId)))
        .for("update");
      if (!lead) throw new AppError("not_found", "Lead not found");
      const [existing] = await tx
        .select({ id: leadDisputes.id })
        .from(leadDisputes)
        .where(and(eq(leadDisputes.leadId, leadId), eq(leadDisputes.tenantId, tenantId)));
      if (existing) throw alreadyDisputed();
      if (!isDisputeWindowOpen(lead.receivedAt, now, windowDays)) {
        throw new AppError(
          "unprocessable",
          `The ${windowDays}-day dispute window for this lead closed on ${formatUtcDate(disputeWindowClosesAt(lead.receivedAt, windowDays))}`,
        );
      }
      if (lead.billingStatus !== "billable") {
        throw new AppError("unprocessable", "This lead is not billed to you, so there is nothing to dispute");
      }

      const [dispute] = await tx
        .insert(leadDisputes)
        .values({
          tenantId,
          leadId,
          reasonCode,
          evidenceNote: note && note.length > 0 ? note : null,
          status: "pending",
          raisedBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!dispute) throw new Error("dispute insert returned no row");
      await recordAuditEvent(
        {
          actor,
          action: "lead.disputed",
          tenantId,
          target: { type: "lead", id: leadId },
          after: { disputeId: dispute.id, reasonCode, note: dispute.evidenceNote },
          context: options.context,
        },
        tx,
      );
      await recordFeatureUse(
        {
          tenantId,
          userId: actor.userId,
          app: "tenant",
          featureKey: "LeadDisputed",
          metadata: { leadId, reasonCode },
          at: now,
        },
        tx,
      );

      if (reasonCode === "duplicate" && (await hasEarlierCopy(tx, lead))) {
        const decision = await applyDisputeDecision(tx, {
          dispute,
          lead,
          decision: "approve",
          note: "Approved automatically: the same lead reached you less than 24 hours earlier.",
          decider: { kind: "system", label: "disputes", rule: AUTO_APPROVED_DUPLICATE_RULE },
          now,
          context: options.context,
        });
        return {
          disputeId: dispute.id,
          leadId,
          status: "approved",
          autoApproved: true,
          creditCents: decision.creditCents,
          decision,
        };
      }
      return { disputeId: dispute.id, leadId, status: "pending", autoApproved: false, creditCents: 0, decision: null };
    });
  } catch (error) {
    // Two submits at once: the unique key on lead_disputes.lead_id lets one through.
    if (isUniqueViolation(error)) throw alreadyDisputed();
    throw error;
  }
}

function alreadyDisputed(): AppError {
  return new AppError("conflict", "This lead is already disputed");
}

/** Another lead with the same dedupe key reached this tenant in the 24 hours before this one. */
async function hasEarlierCopy(tx: Executor, lead: typeof leads.$inferSelect): Promise<boolean> {
  if (!lead.dedupeKey) return false;
  const [copy] = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, lead.tenantId),
        eq(leads.dedupeKey, lead.dedupeKey),
        ne(leads.id, lead.id),
        gte(leads.receivedAt, duplicateWindowStart(lead.receivedAt)),
        lt(leads.receivedAt, lead.receivedAt),
      ),
    )
    .limit(1);
  return copy !== undefined;
}
