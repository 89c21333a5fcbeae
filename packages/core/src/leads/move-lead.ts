import { db, type Executor } from "@pp/db";
import { leads } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { pipelineOf, stageIndexOf, statusOfStage } from "./lead-pipeline";
import { lockLeadWithPipeline } from "./lock-lead-with-pipeline";
import { LEAD_STATUS_TRANSITIONS } from "./update-lead";

const MAX_CENTS = 2_147_483_647;

export const ZMoveLead = z.discriminatedUnion(
  "to",
  [
    z.object({ to: z.literal("stage"), stage: z.string().trim().min(1, "choose a stage").max(64) }),
    z.object({
      to: z.literal("won"),
      wonValueCents: z
        .int("must be a whole number of cents")
        .min(0, "cannot be negative")
        .max(MAX_CENTS, "is larger than any job we can record"),
    }),
    z.object({ to: z.literal("lost") }),
  ],
  "must be stage, won or lost",
);
export type TMoveLead = z.input<typeof ZMoveLead>;

export type MoveLeadOptions = {
  tenantId: string;
  leadId: string;
  move: TMoveLead;
  actor: MemberActor;
  now?: Date;
  context?: AuditContext;
};

export type MovedLead = {
  id: string;
  status: (typeof leads.$inferSelect)["status"];
  stage: string | null;
  stageLabel: string | null;
  wonValueCents: number | null;
};

/**
 * A contractor works a lead: along their pipeline's stages, or to won (with what the job was
 * worth) or lost. The status the API reports follows the stage, under the same allowed moves as
 * the API (`LEAD_STATUS_TRANSITIONS`): a won lead is final, a lost one can be reopened.
 */
export async function moveLead(options: MoveLeadOptions, executor: Executor = db): Promise<MovedLead> {
  const move = parseInput(ZMoveLead, options.move);
  const { tenantId, leadId, actor } = options;
  const now = options.now ?? new Date();
  if (!isUuid(leadId)) throw new AppError("not_found", "Lead not found");
  return executor.transaction(async (tx) => {
    const row = await lockLeadWithPipeline(tx, { tenantId, leadId });
    const { lead } = row;
    const stages = pipelineOf(row.pipelineStages);

    const current = stageIndexOf(lead, stages);
    let status = lead.status;
    let stage = lead.stage;
    let wonValueCents = lead.wonValueCents;
    if (move.to === "stage") {
      const index = stages.findIndex((candidate) => candidate.key === move.stage);
      if (index < 0) {
        const known = stages.map((candidate) => candidate.label).join(", ");
        throw new AppError("validation_failed", `Invalid field "stage": not one of your pipeline's stages (${known})`, {
          details: [{ path: "stage", message: `not one of your pipeline's stages (${known})` }],
        });
      }
      if (index === current) return movedLead(lead, stages);
      status = statusOfStage(index);
      stage = move.stage;
    } else {
      status = move.to;
      if (move.to === "won") wonValueCents = move.wonValueCents;
      if (status === lead.status && wonValueCents === lead.wonValueCents) return movedLead(lead, stages);
    }
    if (status !== lead.status && !LEAD_STATUS_TRANSITIONS[lead.status].includes(status)) {
      const message = refusal(lead.status, status, stages);
      throw new AppError("unprocessable", `This lead cannot move there: ${message}`, {
        details: [{ path: move.to === "stage" ? "stage" : "to", message }],
      });
    }

    await tx
      .update(leads)
      .set({ status, stage, wonValueCents, updatedAt: now })
      .where(and(eq(leads.id, leadId), eq(leads.tenantId, tenantId)));
    await recordAuditEvent(
      {
        actor,
        action: "lead.moved",
        tenantId,
        target: { type: "lead", id: leadId },
        before: { status: lead.status, stage: lead.stage, wonValueCents: lead.wonValueCents },
        after: { status, stage, wonValueCents },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      { tenantId, userId: actor.userId, app: "tenant", featureKey: "LeadMoved", metadata: { to: move.to }, at: now },
      tx,
    );
    return movedLead({ id: lead.id, status, stage, wonValueCents }, stages);
  });
}

function movedLead(
  lead: Pick<typeof leads.$inferSelect, "id" | "status" | "stage" | "wonValueCents">,
  stages: ReturnType<typeof pipelineOf>,
): MovedLead {
  const stageLabel = stages.find((candidate) => candidate.key === lead.stage)?.label ?? null;
  return { id: lead.id, status: lead.status, stage: lead.stage, stageLabel, wonValueCents: lead.wonValueCents };
}

function refusal(from: MovedLead["status"], to: MovedLead["status"], stages: ReturnType<typeof pipelineOf>): string {
  if (from === "won") return "a won lead is final — it was billed as a job";
  if (from === "lost") return `a lost lead is reopened at the "${stages[1]?.label ?? "Contacted"}" stage`;
  return `work moves forward: a ${from} lead cannot go back to ${to}`;
}
