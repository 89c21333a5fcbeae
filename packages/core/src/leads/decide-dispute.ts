import { db, type Executor } from "@pp/db";
import { leadDisputes, leads } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { applyDisputeDecision, DISPUTE_SETTLEMENTS, type DisputeDecision } from "./apply-dispute-decision";

export const ZDecideDispute = z
  .object({
    decision: z.enum(["approve", "reject"], "must be approve or reject"),
    note: z.string().trim().max(2_000, "must be at most 2,000 characters").optional(),
    settlement: z.enum(DISPUTE_SETTLEMENTS, "must be credit or refund_to_card").optional(),
  })
  .refine((value) => value.decision === "approve" || (value.note ?? "").length > 0, {
    path: ["note"],
    message: "Say why the dispute is rejected — the client reads this note",
  })
  .refine((value) => value.decision === "approve" || value.settlement !== "refund_to_card", {
    path: ["settlement"],
    message: "Only an approved dispute is refunded",
  });
export type TDecideDispute = z.input<typeof ZDecideDispute>;

export type DecideDisputeOptions = TDecideDispute & {
  leadId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

/**
 * Approve Dispute / Reject, by staff. The dispute row is locked first, so of two staff deciding at
 * the same moment exactly one decision (and one credit) lands; the other gets a 409. With
 * `refund_to_card` the credit goes back to the card in the same transaction: if Stripe does not
 * answer, nothing is decided (503) and deciding again cannot refund twice.
 */
export async function decideDispute(options: DecideDisputeOptions, executor: Executor = db): Promise<DisputeDecision> {
  const { leadId, actor } = options;
  const { decision, note, settlement } = parseInput(ZDecideDispute, {
    decision: options.decision,
    note: options.note,
    settlement: options.settlement,
  });
  const now = options.now ?? new Date();
  if (!isUuid(leadId)) throw new AppError("not_found", "Lead not found");
  return executor.transaction(async (tx) => {
    const [dispute] = await tx.select().from(leadDisputes).where(eq(leadDisputes.leadId, leadId)).for("update");
    if (!dispute) throw new AppError("not_found", "This lead has no dispute to decide");
    if (dispute.status !== "pending") {
      const when = dispute.decidedAt ? ` on ${formatUtcDate(dispute.decidedAt)}` : "";
      throw new AppError("conflict", `This dispute was already decided: ${dispute.status}${when}`);
    }
    const [lead] = await tx
      .select()
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.tenantId, dispute.tenantId)))
      .for("update");
    if (!lead) throw new AppError("not_found", "Lead not found");
    return applyDisputeDecision(tx, {
      dispute,
      lead,
      decision,
      note: note && note.length > 0 ? note : null,
      settlement,
      decider: actor,
      now,
      context: options.context,
    });
  });
}
