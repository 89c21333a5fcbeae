import { db } from "@pp/db";
import { createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents, playbooks, tasks } from "@pp/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { listPlaybooks } from "./list-playbooks";
import { startPlaybook } from "./start-playbook";
import { updatePlaybook } from "./update-playbook";

const NOW = new Date("2025-06-15T12:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  await ensureReferenceData(db);
});

async function playbook(code: string) {
  const [row] = await db.select().from(playbooks).where(eq(playbooks.code, code));
  if (!row) throw new Error(`no playbook ${code}`);
  return row;
}

describe("playbook templates", () => {
  it("an admin edits titles, due offsets and default owners; the next run follows them; audited", async () => {
    const admin = await signedInStaff("admin");
    const csm = await signedInStaff("success");
    const starter = await signedInStaff("operations");
    const renewal = await playbook("renewal_prep");

    const saved = await updatePlaybook({
      playbookId: renewal.id,
      actor: admin.actor,
      now: NOW,
      name: "Renewal prep (90 days)",
      steps: [
        { title: "Review usage before the call", dueInDays: 2, owner: "starter" },
        { title: "Renewal call", dueInDays: 10 },
      ],
    });
    expect(saved.name).toBe("Renewal prep (90 days)");
    expect(saved.steps).toEqual([
      { title: "Review usage before the call", dueInDays: 2, owner: "starter" },
      { title: "Renewal call", dueInDays: 10, owner: "csm" },
    ]);
    expect((await listPlaybooks()).map((row) => row.name)).toContain("Renewal prep (90 days)");

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "playbook.updated"), eq(auditEvents.targetId, renewal.id)));
    expect(audit?.actorId).toBe(admin.actor.userId);
    expect(audit?.before).toMatchObject({ name: renewal.name, steps: renewal.steps });
    expect(audit?.after).toMatchObject({ name: "Renewal prep (90 days)" });

    // A run started now: one task per edited step, due by its offset, owned as the template says.
    const tenant = await createTenant(db, { csmUserId: csm.actor.userId });
    const run = await startPlaybook({ tenantId: tenant.id, playbookId: renewal.id, actor: starter.actor, now: NOW });
    const created = await db
      .select({ title: tasks.title, ownerId: tasks.ownerId, dueAt: tasks.dueAt })
      .from(tasks)
      .where(eq(tasks.playbookRunId, run.runId))
      .orderBy(asc(tasks.dueAt));
    expect(created).toEqual([
      {
        title: "Review usage before the call",
        ownerId: starter.actor.userId,
        dueAt: new Date(NOW.getTime() + 2 * DAY),
      },
      { title: "Renewal call", ownerId: csm.actor.userId, dueAt: new Date(NOW.getTime() + 10 * DAY) },
    ]);
  });

  it("refuses bad steps naming the field, and an unknown playbook is a 404", async () => {
    const admin = await signedInStaff("admin");
    const dunning = await playbook("payment_retries");
    const bad = await rejection(
      updatePlaybook({
        playbookId: dunning.id,
        actor: admin.actor,
        name: "Payment Retries",
        steps: [{ title: "Call", dueInDays: 1.5 }],
      }),
    );
    expect(bad.code).toBe("validation_failed");
    expect(JSON.stringify(bad.details)).toContain("steps.0.dueInDays");
    const owner = await rejection(
      updatePlaybook({
        playbookId: dunning.id,
        actor: admin.actor,
        name: "Payment Retries",
        // @ts-expect-error: an owner the template does not know
        steps: [{ title: "Call", dueInDays: 1, owner: "someone" }],
      }),
    );
    expect(JSON.stringify(owner.details)).toContain("steps.0.owner");
    const empty = await rejection(
      updatePlaybook({ playbookId: dunning.id, actor: admin.actor, name: "Payment Retries", steps: [] }),
    );
    expect(JSON.stringify(empty.details)).toContain("steps");
    expect((await playbook("payment_retries")).steps).toEqual(dunning.steps);
    const missing = await rejection(
      updatePlaybook({
        playbookId: "0190a8d2-0000-7000-8000-000000000000",
        actor: admin.actor,
        name: "X",
        steps: [{ title: "Call", dueInDays: 1 }],
      }),
    );
    expect(missing.code).toBe("not_found");
  });
});
