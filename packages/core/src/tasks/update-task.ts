import { db, type Executor } from "@pp/db";
import { activities, playbookRuns, playbooks, staffMembers, tasks } from "@pp/db/schema";
import { and, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { zInstant } from "../input/zod-pieces";
import { isUuid, parseInput } from "../parse-input";
import { TASK_OWNER_ROLES } from "../success/list-assignable-staff";
import { recordFeatureUse } from "../usage/record-feature-use";

export const ZUpdateTask = z
  .object({
    /** `done` completes the task, `open` reopens it. */
    status: z.enum(["open", "done"], "must be open or done").optional(),
    ownerId: z.string().min(1).max(100).optional(),
    /** null clears the due date. */
    dueAt: zInstant("must be a date or date-time").nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "Give status, ownerId or dueAt",
    path: ["status"],
  });
export type TUpdateTask = z.input<typeof ZUpdateTask>;

/**
 * Complete, reopen, reassign or re-date a task. Completing writes "Task completed" on the client's
 * timeline; completing the last open task of a playbook run completes the run.
 */
export async function updateTask(
  options: TUpdateTask & { taskId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<typeof tasks.$inferSelect> {
  const { taskId, actor, now = new Date(), context, ...input } = options;
  const change = parseInput(ZUpdateTask, input);
  if (!isUuid(taskId)) throw new AppError("not_found", "Task not found");
  return executor.transaction(async (tx) => {
    const [before] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for("update");
    if (!before) throw new AppError("not_found", "Task not found");
    if (change.ownerId !== undefined) {
      const [owner] = await tx
        .select({ userId: staffMembers.userId })
        .from(staffMembers)
        .where(
          and(
            eq(staffMembers.userId, change.ownerId),
            eq(staffMembers.status, "active"),
            inArray(staffMembers.role, TASK_OWNER_ROLES),
          ),
        );
      if (!owner) {
        throw new AppError("validation_failed", 'Invalid field "ownerId": pick active staff who may work tasks', {
          details: [{ path: "ownerId", message: "must be active staff whose role may work tasks (not a viewer)" }],
        });
      }
    }
    const completing = change.status === "done" && before.status !== "done";
    const reopening = change.status === "open" && before.status !== "open";
    const [after] = await tx
      .update(tasks)
      .set({
        ...(change.status
          ? { status: change.status, completedAt: completing ? now : reopening ? null : before.completedAt }
          : {}),
        ...(change.ownerId !== undefined ? { ownerId: change.ownerId } : {}),
        ...(change.dueAt !== undefined ? { dueAt: change.dueAt } : {}),
        updatedAt: now,
      })
      .where(eq(tasks.id, taskId))
      .returning();
    if (!after) throw new Error("task update returned no row");
    const timeline = (title: string) =>
      after.tenantId
        ? tx.insert(activities).values({
            tenantId: after.tenantId,
            kind: "task",
            title,
            actorId: actor.userId,
            relatedType: "task",
            relatedId: after.id,
            at: now,
          })
        : Promise.resolve();
    if (completing) {
      await timeline(`Task completed: ${after.title}`);
      await recordFeatureUse(
        { tenantId: after.tenantId, userId: actor.userId, app: "portal", featureKey: "CompleteTask", at: now },
        tx,
      );
      if (after.playbookRunId) await completeRunIfDone(tx, after.playbookRunId, actor, now);
    } else if (reopening) {
      await timeline(`Task reopened: ${after.title}`);
    }
    if (change.dueAt !== undefined && !completing && after.dueAt?.getTime() !== before.dueAt?.getTime()) {
      await timeline(
        `Task due date changed: ${after.title} (${after.dueAt ? `due ${formatUtcDate(after.dueAt)}` : "no due date"})`,
      );
    }
    await recordAuditEvent(
      {
        actor,
        action: completing ? "task.completed" : reopening ? "task.reopened" : "task.updated",
        tenantId: after.tenantId,
        target: { type: "task", id: after.id },
        before: { status: before.status, ownerId: before.ownerId, dueAt: before.dueAt },
        after: { status: after.status, ownerId: after.ownerId, dueAt: after.dueAt },
        context,
      },
      tx,
    );
    return after;
  });
}

async function completeRunIfDone(tx: Executor, runId: string, actor: StaffActor, now: Date) {
  const open = await tx
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.playbookRunId, runId), ne(tasks.status, "done"), ne(tasks.status, "canceled")))
    .limit(1);
  if (open.length > 0) return;
  const [run] = await tx
    .update(playbookRuns)
    .set({ status: "completed", completedAt: now })
    .where(and(eq(playbookRuns.id, runId), eq(playbookRuns.status, "running")))
    .returning();
  if (!run) return;
  const [playbook] = await tx.select({ name: playbooks.name }).from(playbooks).where(eq(playbooks.id, run.playbookId));
  await tx.insert(activities).values({
    tenantId: run.tenantId,
    kind: "system",
    title: `Playbook completed: ${playbook?.name ?? "playbook"}`,
    actorId: actor.userId,
    relatedType: "playbook_run",
    relatedId: run.id,
    at: now,
  });
  await recordAuditEvent(
    { actor, action: "playbook.completed", tenantId: run.tenantId, target: { type: "playbook_run", id: run.id } },
    tx,
  );
}
