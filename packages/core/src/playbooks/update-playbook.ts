import { db, type Executor } from "@pp/db";
import { playbooks } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { zWholeNumber } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";

/** Who a step's task goes to when a run starts: the tenant's CSM, or the staff member starting it. */
export const PLAYBOOK_STEP_OWNERS = ["csm", "starter"] as const;

export const ZUpdatePlaybook = z.object({
  name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  description: z.string().trim().max(500, "must be at most 500 characters").nullable().optional(),
  steps: z
    .array(
      z.object({
        title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
        dueInDays: zWholeNumber("must be whole days").min(0, "must be 0 or more").max(365, "must be at most 365"),
        owner: z
          .enum(PLAYBOOK_STEP_OWNERS, "must be csm (the tenant's CSM) or starter (whoever starts the run)")
          .default("csm"),
      }),
    )
    .min(1, "needs at least one step")
    .max(20, "must have at most 20 steps"),
});
export type TUpdatePlaybook = z.input<typeof ZUpdatePlaybook>;

/** An admin edits a playbook template; runs already started keep their tasks. */
export async function updatePlaybook(
  options: TUpdatePlaybook & { playbookId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<typeof playbooks.$inferSelect> {
  const { playbookId, actor, now = new Date(), context, ...input } = options;
  const change = parseInput(ZUpdatePlaybook, input);
  if (!isUuid(playbookId)) throw new AppError("not_found", "Playbook not found");
  return executor.transaction(async (tx) => {
    const [before] = await tx.select().from(playbooks).where(eq(playbooks.id, playbookId)).for("update");
    if (!before) throw new AppError("not_found", "Playbook not found");
    const [after] = await tx
      .update(playbooks)
      .set({
        name: change.name,
        description: change.description ?? before.description,
        steps: change.steps,
        updatedAt: now,
      })
      .where(eq(playbooks.id, before.id))
      .returning();
    if (!after) throw new Error("playbook update returned no row");
    await recordAuditEvent(
      {
        actor,
        action: "playbook.updated",
        target: { type: "playbook", id: after.id },
        before: { name: before.name, steps: before.steps },
        after: { name: after.name, steps: after.steps },
        context,
      },
      tx,
    );
    return after;
  });
}
