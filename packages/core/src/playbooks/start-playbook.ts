import { db, type Executor } from "@pp/db";
import { activities, playbookRuns, playbooks, staffMembers, tasks } from "@pp/db/schema";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { parseInput } from "../parse-input";
import { getTenantOrThrow } from "../success/get-tenant-or-throw";
import { createTask } from "../tasks/create-task";
import { recordFeatureUse } from "../usage/record-feature-use";

export const ZStartPlaybook = z.object({ playbookId: z.uuid("must be a playbook id") });

const DAY_MS = 86_400_000;

/**
 * Start Playbook: a run and one task per step (due after the step's offset, owned by the client's
 * CSM, else by whoever started it). One running run per client and playbook: starting it again
 * returns the running one (`started: false`) and creates nothing.
 */
export async function startPlaybook(
  options: z.input<typeof ZStartPlaybook> & { tenantId: string; actor: StaffActor; now?: Date; context?: AuditContext },
  executor: Executor = db,
): Promise<{ runId: string; started: boolean; taskIds: string[] }> {
  const { tenantId, actor, now = new Date(), context, ...input } = options;
  const { playbookId } = parseInput(ZStartPlaybook, input);
  return executor.transaction(async (tx) => {
    const tenant = await getTenantOrThrow({ tenantId }, tx);
    const [playbook] = await tx
      .select()
      .from(playbooks)
      .where(and(eq(playbooks.id, playbookId), isNull(playbooks.archivedAt)));
    if (!playbook) throw new AppError("not_found", "Playbook not found");
    const [run] = await tx
      .insert(playbookRuns)
      .values({ tenantId: tenant.id, playbookId: playbook.id, startedBy: actor.userId, startedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!run) {
      const [running] = await tx
        .select({ id: playbookRuns.id })
        .from(playbookRuns)
        .where(
          and(
            eq(playbookRuns.tenantId, tenant.id),
            eq(playbookRuns.playbookId, playbook.id),
            eq(playbookRuns.status, "running"),
          ),
        );
      if (!running) throw new AppError("conflict", "The playbook is being started — reload and try again");
      const existing = await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.playbookRunId, running.id));
      return { runId: running.id, started: false, taskIds: existing.map((task) => task.id) };
    }
    const [csm] = tenant.csmUserId
      ? await tx
          .select({ userId: staffMembers.userId })
          .from(staffMembers)
          .where(and(eq(staffMembers.userId, tenant.csmUserId), eq(staffMembers.status, "active")))
      : [];
    const taskIds: string[] = [];
    for (const step of playbook.steps) {
      // The template names each task's default owner: the tenant's CSM (the starter when it has none) or the starter.
      const ownerId = step.owner === "starter" ? actor.userId : (csm?.userId ?? actor.userId);
      const task = await createTask(
        {
          tenantId: tenant.id,
          title: step.title,
          dueAt: new Date(now.getTime() + step.dueInDays * DAY_MS),
          ownerId,
          actor,
          now,
          context,
        },
        tx,
      );
      taskIds.push(task.id);
    }
    if (taskIds.length > 0) await tx.update(tasks).set({ playbookRunId: run.id }).where(inArray(tasks.id, taskIds));
    await tx.insert(activities).values({
      tenantId: tenant.id,
      kind: "system",
      title: `Playbook started: ${playbook.name} (${taskIds.length} tasks)`,
      actorId: actor.userId,
      relatedType: "playbook_run",
      relatedId: run.id,
      at: now,
    });
    await recordAuditEvent(
      {
        actor,
        action: "playbook.started",
        tenantId: tenant.id,
        target: { type: "playbook_run", id: run.id },
        after: { playbook: playbook.code, taskIds },
        context,
      },
      tx,
    );
    await recordFeatureUse(
      { tenantId: tenant.id, userId: actor.userId, app: "portal", featureKey: "StartPlaybook", at: now },
      tx,
    );
    return { runId: run.id, started: true, taskIds };
  });
}
