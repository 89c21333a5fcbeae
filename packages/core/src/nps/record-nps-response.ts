import { db, type Executor } from "@pp/db";
import { npsDismissals, npsResponses } from "@pp/db/schema";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { MemberActor } from "../auth/actors";
import { AppError } from "../errors";
import { zWholeNumber } from "../input/zod-pieces";
import { parseInput } from "../parse-input";
import { recordClientActivity } from "../success/record-client-activity";
import { npsCategory } from "./nps-rules";
import { shouldAskNps } from "./should-ask-nps";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

export const ZNpsAnswer = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("answer"),
    score: zWholeNumber("must be a whole number from 0 to 10").min(0, "must be 0 to 10").max(10, "must be 0 to 10"),
    comment: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(2_000, "must be at most 2,000 characters")
        .refine((text) => !text.includes("\u0000"), "must not contain NUL characters")
        .optional(),
    ),
  }),
  z.object({ action: z.literal("dismiss") }),
]);
export type TNpsAnswer = z.input<typeof ZNpsAnswer>;

/**
 * The tenant app's NPS prompt: an answer (0–10 and an optional comment) or a dismissal. Either
 * one stops the prompt for 90 days; a second answer inside that window is a conflict.
 */
export async function recordNpsResponse(
  options: TNpsAnswer & { actor: MemberActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<{ asked: false; score: number | null }> {
  const { actor, now = new Date(), context, ...input } = options;
  const answer = parseInput(ZNpsAnswer, input);
  return executor.transaction(async (tx) => {
    if (!(await shouldAskNps({ actor, now }, tx))) {
      throw new AppError("conflict", "You have already answered or dismissed the survey recently");
    }
    if (answer.action === "dismiss") {
      await tx.insert(npsDismissals).values({ tenantId: actor.tenantId, userId: actor.userId, dismissedAt: now });
      return { asked: false, score: null };
    }
    const [row] = await tx
      .insert(npsResponses)
      .values({
        tenantId: actor.tenantId,
        userId: actor.userId,
        score: answer.score,
        comment: answer.comment ?? null,
        respondedAt: now,
      })
      .returning();
    if (!row) throw new Error("nps insert returned no row");
    await recordClientActivity(
      {
        actor,
        tenantId: actor.tenantId,
        at: now,
        related: { type: "nps_response", id: row.id },
        activity: {
          kind: "system",
          title: `NPS answered: ${answer.score} (${npsCategory(answer.score)})${answer.comment ? ` — "${answer.comment.slice(0, 80)}"` : ""}`,
        },
        audit: { action: "nps.answered", after: { score: row.score }, context },
        feature: { app: "tenant", key: "AnswerNps" },
      },
      tx,
    );
    return { asked: false, score: row.score };
  });
}
