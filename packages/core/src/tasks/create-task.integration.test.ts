import { db } from "@pp/db";
import { createTenant, ensureReferenceData } from "@pp/db/factories";
import { activities, auditEvents, featureUsage, staffMembers } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { listAssignableStaff, TASK_OWNER_ROLES } from "../success/list-assignable-staff";
import { createTask } from "./create-task";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const NOW = new Date("2025-06-15T12:00:00Z");

async function featureUses(key: string, tenantId: string) {
  return db
    .select()
    .from(featureUsage)
    .where(and(eq(featureUsage.featureKey, key), eq(featureUsage.tenantId, tenantId)));
}

describe("createTask", () => {
  it("creates a task about an Action Center item, owned by the named staff member", async () => {
    const tenant = await createTenant(db);
    const { actor } = await signedInStaff("success");
    const owner = await signedInStaff("operations");
    const task = await createTask({
      tenantId: tenant.id,
      title: "Call about the overdue invoice",
      dueAt: "2025-06-18T15:00:00Z",
      ownerId: owner.actor.userId,
      relatedType: "invoice",
      relatedId: "0195f0a0-0000-7000-8000-000000000001",
      actor,
      now: NOW,
    });
    expect(task).toMatchObject({
      kind: "task",
      status: "open",
      ownerId: owner.actor.userId,
      createdBy: actor.userId,
      dueAt: new Date("2025-06-18T15:00:00Z"),
      relatedType: "invoice",
    });
    const [activity] = await db.select().from(activities).where(eq(activities.relatedId, task.id));
    expect(activity).toMatchObject({
      kind: "task",
      title: "Task created: Call about the overdue invoice (due Jun 18, 2025)",
    });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "task.created"), eq(auditEvents.targetId, task.id)));
    expect(audit).toMatchObject({ actorId: actor.userId, tenantId: tenant.id });
    expect(await featureUses("CreateTask", tenant.id)).toHaveLength(1);
  });

  it("Schedule EBR: an ebr task and an ebr activity on the client's timeline at the EBR's date", async () => {
    const tenant = await createTenant(db);
    const { actor } = await signedInStaff("success");
    const ebr = await createTask({
      tenantId: tenant.id,
      kind: "ebr",
      title: "Q3 business review",
      dueAt: "2025-07-02",
      actor,
      now: NOW,
    });
    expect(ebr).toMatchObject({ kind: "ebr", ownerId: actor.userId });
    const [activity] = await db
      .select()
      .from(activities)
      .where(and(eq(activities.tenantId, tenant.id), eq(activities.kind, "ebr")));
    expect(activity).toMatchObject({
      title: "EBR scheduled for Jul 2, 2025: Q3 business review",
      at: new Date("2025-07-02T00:00:00Z"),
    });
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, ebr.id));
    expect(audit?.action).toBe("task.ebr_scheduled");
    expect(await featureUses("ScheduleEBR", tenant.id)).toHaveLength(1);
    expect(await featureUses("CreateTask", tenant.id)).toHaveLength(0);
  });

  it("validates the input and refuses unknown clients and owners who are not active staff", async () => {
    const tenant = await createTenant(db);
    const { actor } = await signedInStaff("success");
    const base = { tenantId: tenant.id, title: "Follow up", actor, now: NOW };
    expect((await rejection(createTask({ ...base, title: "" }))).message).toContain('Invalid field "title"');
    expect((await rejection(createTask({ ...base, tenantId: "nope" }))).message).toContain('Invalid field "tenantId"');
    expect((await rejection(createTask({ ...base, kind: "ebr" }))).message).toContain('Invalid field "dueAt"');
    expect((await rejection(createTask({ ...base, relatedType: "invoice" }))).message).toContain(
      'Invalid field "relatedId"',
    );
    expect((await rejection(createTask({ ...base, tenantId: "0195f0a0-0000-7000-8000-000000000000" }))).status).toBe(
      404,
    );
    const gone = await signedInStaff("operations");
    await db.update(staffMembers).set({ status: "deactivated" }).where(eq(staffMembers.userId, gone.actor.userId));
    const owner = await rejection(createTask({ ...base, ownerId: gone.actor.userId }));
    expect([owner.status, owner.message]).toEqual([
      400,
      'Invalid field "ownerId": pick active staff who may work tasks',
    ]);
  });

  it("never makes a viewer (or any role that may not write tasks) the owner, and does not offer them", async () => {
    const tenant = await createTenant(db);
    const { actor } = await signedInStaff("success");
    const base = { tenantId: tenant.id, title: "Follow up", actor, now: NOW };
    const viewer = await signedInStaff("viewer");
    const billing = await signedInStaff("billing");
    for (const staff of [viewer, billing]) {
      const refused = await rejection(createTask({ ...base, ownerId: staff.actor.userId }));
      expect(refused.status).toBe(400);
      expect(refused.message).toContain('"ownerId"');
    }
    const offered = (await listAssignableStaff()).map((option) => option.userId);
    expect(offered).toContain(actor.userId);
    expect(offered).not.toContain(viewer.actor.userId);
    expect(offered).not.toContain(billing.actor.userId);
    expect(TASK_OWNER_ROLES).toEqual(["admin", "operations", "success"]);
  });
});
