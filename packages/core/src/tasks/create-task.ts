import { db, type Executor } from "@pp/db";
import { activities, staffMembers, tasks, tenants } from "@pp/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { AppError } from "../errors";
import { zInstant } from "../input/zod-pieces";
import { parseInput } from "../parse-input";
import { TASK_OWNER_ROLES } from "../success/list-assignable-staff";
import { recordFeatureUse } from "../usage/record-feature-use";

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** What a task may point at: the Action Center item (or record) it follows up. */
export const TASK_RELATED_TYPES = ["lead", "invoice", "subscription", "incident", "tenant"] as const;

export const ZCreateTask = z
  .object({
    tenantId: z.uuid("must be a client id"),
    /** `ebr` schedules an executive business review: a dated task plus an `ebr` line on the timeline. */
    kind: z.enum(["task", "ebr", "call", "email"], "must be task, ebr, call or email").default("task"),
    title: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
    description: z.preprocess(blankToUndefined, z.string().trim().max(2_000).optional()),
    dueAt: z.preprocess(blankToUndefined, zInstant("must be a date or date-time").optional()),
    ownerId: z.preprocess(blankToUndefined, z.string().min(1).max(100).optional()),
    relatedType: z.preprocess(blankToUndefined, z.enum(TASK_RELATED_TYPES).optional()),
    relatedId: z.preprocess(blankToUndefined, z.string().min(1).max(100).optional()),
  })
  .refine((task) => task.kind !== "ebr" || task.dueAt !== undefined, {
    path: ["dueAt"],
    message: "An EBR needs a date",
  })
  .refine((task) => (task.relatedType === undefined) === (task.relatedId === undefined), {
    path: ["relatedId"],
    message: "Give both relatedType and relatedId, or neither",
  });
export type TCreateTask = z.input<typeof ZCreateTask>;

export type CreateTaskOptions = TCreateTask & { actor: StaffActor; now?: Date; context?: AuditContext };
export type CreatedTask = typeof tasks.$inferSelect;

/**
 * Create Task / Schedule EBR: a success task about one client, owned by a staff member (the
 * creator when none is named). An EBR also goes on the client's timeline as an `ebr` activity
 * dated when it takes place. The owner must be active staff.
 */
export async function createTask(options: CreateTaskOptions, executor: Executor = db): Promise<CreatedTask> {
  const { actor, now: givenNow, context, ...input } = options;
  const task = parseInput(ZCreateTask, input);
  const now = givenNow ?? new Date();
  const ownerId = task.ownerId ?? actor.userId;
  return executor.transaction(async (tx) => {
    const [tenant] = await tx
      .select({ id: tenants.id, name: tenants.name })
      .from(tenants)
      .where(eq(tenants.id, task.tenantId));
    if (!tenant) throw new AppError("not_found", "Client not found");
    const [owner] = await tx
      .select({ userId: staffMembers.userId })
      .from(staffMembers)
      .where(
        and(
          eq(staffMembers.userId, ownerId),
          eq(staffMembers.status, "active"),
          inArray(staffMembers.role, TASK_OWNER_ROLES),
        ),
      );
    if (!owner) {
      throw new AppError("validation_failed", 'Invalid field "ownerId": pick active staff who may work tasks', {
        details: [{ path: "ownerId", message: "must be active staff whose role may work tasks (not a viewer)" }],
      });
    }
    const [row] = await tx
      .insert(tasks)
      .values({
        tenantId: tenant.id,
        kind: task.kind,
        title: task.title,
        description: task.description ?? null,
        ownerId,
        dueAt: task.dueAt ?? null,
        relatedType: task.relatedType ?? null,
        relatedId: task.relatedId ?? null,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error("task insert returned no row");
    const ebr = task.kind === "ebr";
    await tx.insert(activities).values({
      tenantId: tenant.id,
      kind: ebr ? "ebr" : "task",
      title: ebr
        ? `EBR scheduled for ${formatUtcDate(task.dueAt ?? now)}: ${task.title}`
        : `Task created: ${task.title}${task.dueAt ? ` (due ${formatUtcDate(task.dueAt)})` : ""}`,
      actorId: actor.userId,
      relatedType: "task",
      relatedId: row.id,
      metadata: { ownerId, dueAt: task.dueAt?.toISOString() ?? null, scheduledAt: now.toISOString() },
      // An EBR sits on the timeline at the date it takes place; a task at the moment it was created.
      at: ebr && task.dueAt ? task.dueAt : now,
    });
    await recordAuditEvent(
      {
        actor,
        action: ebr ? "task.ebr_scheduled" : "task.created",
        tenantId: tenant.id,
        target: { type: "task", id: row.id },
        after: {
          kind: row.kind,
          title: row.title,
          ownerId,
          dueAt: row.dueAt,
          relatedType: row.relatedType,
          relatedId: row.relatedId,
        },
        context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: tenant.id,
        userId: actor.userId,
        app: "portal",
        featureKey: ebr ? "ScheduleEBR" : "CreateTask",
        metadata: { taskId: row.id, relatedType: row.relatedType },
        at: now,
      },
      tx,
    );
    return row;
  });
}
