import { db } from "@pp/db";
import {
  createDispute,
  createIncident,
  createInvoice,
  createLead,
  createMember,
  createTenant,
  ensureReferenceData,
} from "@pp/db/factories";
import { auditEvents, emailOutbox, playbookRuns, playbooks, tasks } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { createNote } from "../notes/create-note";
import { deleteNote } from "../notes/delete-note";
import { listNotes } from "../notes/list-notes";
import { updateNote } from "../notes/update-note";
import { getNpsSummary } from "../nps/get-nps-summary";
import { recordNpsResponse } from "../nps/record-nps-response";
import { shouldAskNps } from "../nps/should-ask-nps";
import { getClientPlaybooks } from "../playbooks/get-client-playbooks";
import { startPlaybook } from "../playbooks/start-playbook";
import { rejection, signedInStaff } from "../staff/testing";
import { createTask } from "../tasks/create-task";
import { listTasks } from "../tasks/list-tasks";
import { updateTask } from "../tasks/update-task";
import { assignCsm } from "./assign-csm";
import { listTimeline } from "./list-timeline";

const NOW = new Date("2025-06-15T12:00:00Z");
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

beforeAll(async () => {
  await ensureReferenceData(db);
});

describe("tasks", () => {
  it("My tasks: mine / team / overdue / due this week, by due date; completing writes the timeline", async () => {
    const tenant = await createTenant(db);
    const dana = await signedInStaff("success", { name: "Dana Success" });
    const other = await signedInStaff("operations");
    const overdue = await createTask({
      tenantId: tenant.id,
      title: "Overdue call",
      dueAt: at(-2 * 24 * 60),
      actor: dana.actor,
      now: NOW,
    });
    const thisWeek = await createTask({
      tenantId: tenant.id,
      title: "Call about renewal",
      dueAt: at(3 * 24 * 60),
      actor: dana.actor,
      now: NOW,
    });
    const later = await createTask({
      tenantId: tenant.id,
      title: "Quarterly check",
      dueAt: at(20 * 24 * 60),
      actor: dana.actor,
      now: NOW,
    });
    const undated = await createTask({ tenantId: tenant.id, title: "Someday", actor: dana.actor, now: NOW });
    const theirs = await createTask({
      tenantId: tenant.id,
      title: "Theirs",
      ownerId: other.actor.userId,
      dueAt: at(60),
      actor: dana.actor,
      now: NOW,
    });

    const mine = await listTasks({ actor: dana.actor, view: "mine", now: NOW });
    expect(mine.data.map((task) => task.id)).toEqual([overdue.id, thisWeek.id, later.id, undated.id]);
    expect(mine.data[0]).toMatchObject({ tenantName: tenant.name, ownerName: "Dana Success" });
    const team = await listTasks({ actor: dana.actor, view: "team", tenantId: tenant.id, now: NOW });
    expect(team.data.map((task) => task.id)).toEqual([overdue.id, theirs.id, thisWeek.id, later.id, undated.id]);
    expect(
      (await listTasks({ actor: dana.actor, view: "overdue", tenantId: tenant.id, now: NOW })).data.map((t) => t.id),
    ).toEqual([overdue.id]);
    expect(
      (await listTasks({ actor: dana.actor, view: "week", tenantId: tenant.id, now: NOW })).data.map((t) => t.id),
    ).toEqual([theirs.id, thisWeek.id]);
    // Pages of two follow the same order.
    const first = await listTasks({ actor: dana.actor, view: "mine", limit: 2, now: NOW });
    const second = await listTasks({
      actor: dana.actor,
      view: "mine",
      limit: 2,
      cursor: first.nextCursor ?? "",
      now: NOW,
    });
    expect([...first.data, ...second.data].map((task) => task.id)).toEqual([
      overdue.id,
      thisWeek.id,
      later.id,
      undated.id,
    ]);
    expect(second.nextCursor).toBeNull();

    const done = await updateTask({ taskId: thisWeek.id, status: "done", actor: dana.actor, now: at(5) });
    expect(done).toMatchObject({ status: "done", completedAt: at(5) });
    const timeline = await listTimeline({ tenantId: tenant.id, kinds: ["task"] });
    expect(timeline.data[0]).toMatchObject({
      title: "Task completed: Call about renewal",
      actor: "Dana Success",
      relatedType: "task",
      relatedId: thisWeek.id,
    });
    const reopened = await updateTask({ taskId: thisWeek.id, status: "open", actor: dana.actor, now: at(6) });
    expect(reopened).toMatchObject({ status: "open", completedAt: null });
    const reassigned = await updateTask({
      taskId: later.id,
      ownerId: other.actor.userId,
      dueAt: null,
      actor: dana.actor,
      now: at(7),
    });
    expect(reassigned).toMatchObject({ ownerId: other.actor.userId, dueAt: null });

    expect((await rejection(updateTask({ taskId: later.id, ownerId: "nobody", actor: dana.actor }))).code).toBe(
      "validation_failed",
    );
    expect(
      (
        await rejection(
          updateTask({ taskId: "0195f0a0-0000-7000-8000-000000000001", status: "done", actor: dana.actor }),
        )
      ).code,
    ).toBe("not_found");
    expect((await rejection(updateTask({ taskId: later.id, actor: dana.actor }))).code).toBe("validation_failed");
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, thisWeek.id), eq(auditEvents.action, "task.completed")));
    expect(audit).toMatchObject({ actorId: dana.actor.userId, tenantId: tenant.id });
  });
});

describe("notes", () => {
  it("plain text kept as typed, pinned first; only the author edits or deletes (audited); another client's note is not found", async () => {
    const tenant = await createTenant(db);
    const otherTenant = await createTenant(db);
    const author = await signedInStaff("success", { name: "Ana Author" });
    const colleague = await signedInStaff("success");
    const body = "Owner prefers calls after 3pm.\n<script>alert(1)</script> stays text";
    const first = await createNote({ tenantId: tenant.id, body, actor: author.actor, now: at(0) });
    const second = await createNote({ tenantId: tenant.id, body: "Second note", actor: author.actor, now: at(1) });
    expect(first.body).toBe(body);
    expect((await listNotes({ tenantId: tenant.id })).data.map((note) => note.id)).toEqual([second.id, first.id]);

    await updateNote({ tenantId: tenant.id, noteId: first.id, pinned: true, actor: colleague.actor, now: at(2) });
    const listed = await listNotes({ tenantId: tenant.id });
    expect(listed.data.map((note) => note.id)).toEqual([first.id, second.id]);
    expect(listed.data[0]).toMatchObject({ authorName: "Ana Author", pinnedAt: at(2) });

    expect(
      (await rejection(updateNote({ tenantId: tenant.id, noteId: first.id, body: "mine now", actor: colleague.actor })))
        .code,
    ).toBe("forbidden");
    expect((await rejection(deleteNote({ tenantId: tenant.id, noteId: first.id, actor: colleague.actor }))).code).toBe(
      "forbidden",
    );
    expect(
      (await rejection(updateNote({ tenantId: otherTenant.id, noteId: first.id, body: "x", actor: author.actor })))
        .code,
    ).toBe("not_found");
    expect((await rejection(createNote({ tenantId: tenant.id, body: "   ", actor: author.actor }))).code).toBe(
      "validation_failed",
    );

    await updateNote({
      tenantId: tenant.id,
      noteId: second.id,
      body: "Second note, edited",
      actor: author.actor,
      now: at(3),
    });
    const timeline = await listTimeline({ tenantId: tenant.id, kinds: ["note"] });
    expect(timeline.data.map((entry) => entry.title)).toEqual([
      "Note added: Second note, edited",
      "Note added: Owner prefers calls after 3pm.",
    ]);
    await deleteNote({ tenantId: tenant.id, noteId: second.id, actor: author.actor });
    expect((await listNotes({ tenantId: tenant.id })).data.map((note) => note.id)).toEqual([first.id]);
    const actions = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, second.id))
      .orderBy(auditEvents.at);
    expect(actions.map((row) => row.action)).toEqual(["note.created", "note.edited", "note.deleted"]);
  });
});

describe("timeline", () => {
  it("one ordered feed across sources, in words with who; filtered by kind; paged; scoped to the client", async () => {
    const tenant = await createTenant(db);
    const other = await createTenant(db);
    const dana = await signedInStaff("success", { name: "Dana" });
    await createTask({ tenantId: tenant.id, title: "Call about renewal", actor: dana.actor, now: at(10) });
    await createNote({ tenantId: tenant.id, body: "Spoke to the owner", actor: dana.actor, now: at(20) });
    const lead = await createLead(db, { tenantId: tenant.id, receivedAt: at(-100) });
    await createDispute(db, { leadId: lead.id, reasonCode: "wrong_job_type", createdAt: at(5) });
    const invoice = await createInvoice(db, {
      tenantId: tenant.id,
      issuedAt: at(1),
      lines: [{ kind: "subscription", description: "Pro", unitAmountCents: 24_900 }],
    });
    await db.insert(emailOutbox).values({
      tenantId: tenant.id,
      to: "billing@x.test",
      subject: `Invoice ${invoice.number} is due`,
      text: "…",
      kind: "invoice_reminder",
      status: "sent",
      sentAt: at(15),
    });
    await createIncident(db, {
      tenantId: tenant.id,
      severity: "sev2",
      title: "Leads not arriving",
      openedAt: at(25),
      escalationLevel: 2,
    });
    await createNote({ tenantId: other.id, body: "Other client's note", actor: dana.actor, now: at(30) });

    const all = await listTimeline({ tenantId: tenant.id });
    expect(all.data.map((entry) => [entry.kind, entry.title, entry.actor])).toEqual([
      ["incident", "Incident opened: SEV2 Leads not arriving (escalation level 2)", null],
      ["note", "Note added: Spoke to the owner", "Dana"],
      ["email", `Email sent: Invoice ${invoice.number} is due — to billing@x.test`, null],
      ["task", "Task created: Call about renewal", "Dana"],
      ["dispute", "Dispute raised: Wrong Job Type", null],
      ["invoice", `Invoice ${invoice.number} issued: $249.00`, null],
    ]);
    const filtered = await listTimeline({ tenantId: tenant.id, kinds: ["note", "task"] });
    expect(filtered.data.map((entry) => entry.kind)).toEqual(["note", "task"]);
    const page1 = await listTimeline({ tenantId: tenant.id, limit: 4 });
    const page2 = await listTimeline({ tenantId: tenant.id, limit: 4, cursor: page1.nextCursor ?? "" });
    expect([...page1.data, ...page2.data].map((entry) => entry.id)).toEqual(all.data.map((entry) => entry.id));
    expect(page2.nextCursor).toBeNull();
    expect((await rejection(listTimeline({ tenantId: "0195f0a0-0000-7000-8000-000000000009" }))).code).toBe(
      "not_found",
    );
    expect((await rejection(listTimeline({ tenantId: tenant.id, cursor: "not-a-cursor!" }))).code).toBe(
      "validation_failed",
    );
  });
});

describe("playbooks", () => {
  it("renewal prep is suggested within 60 days; Start twice → one run; the CSM owns the tasks; the last task completes the run", async () => {
    const tenant = await createTenant(db);
    const csm = await signedInStaff("success", { name: "Casey CSM" });
    const starter = await signedInStaff("operations");
    await assignCsm({ tenantId: tenant.id, csmUserId: csm.actor.userId, actor: starter.actor, now: NOW });
    await db.execute(
      // A subscription renewing in 20 days.
      sql`insert into subscriptions (tenant_id, plan_id, status, current_period_start, current_period_end, mrr_cents)
          select ${tenant.id}, id, 'active', ${new Date(NOW.getTime() - 10 * DAY).toISOString()}, ${new Date(NOW.getTime() + 20 * DAY).toISOString()}, price_cents
          from plans where code = 'basic'`,
    );
    const before = await getClientPlaybooks({ tenantId: tenant.id, now: NOW });
    const renewal = before.find((playbook) => playbook.code === "renewal_prep");
    expect(renewal).toMatchObject({ suggestion: "Renews in 20 days", run: null, stepCount: 4 });
    expect(before.find((playbook) => playbook.code === "payment_retries")?.suggestion).toBeNull();
    if (!renewal) throw new Error("renewal playbook missing");

    const [first, second] = await Promise.all([
      startPlaybook({ tenantId: tenant.id, playbookId: renewal.id, actor: starter.actor, now: NOW }),
      startPlaybook({ tenantId: tenant.id, playbookId: renewal.id, actor: starter.actor, now: NOW }),
    ]).catch(async () => [
      await startPlaybook({ tenantId: tenant.id, playbookId: renewal.id, actor: starter.actor, now: NOW }),
      await startPlaybook({ tenantId: tenant.id, playbookId: renewal.id, actor: starter.actor, now: NOW }),
    ]);
    expect([first?.started, second?.started].sort()).toEqual([false, true]);
    expect(first?.runId).toBe(second?.runId);
    const runs = await db.select().from(playbookRuns).where(eq(playbookRuns.tenantId, tenant.id));
    expect(runs).toHaveLength(1);
    const created = await db
      .select()
      .from(tasks)
      .where(eq(tasks.playbookRunId, runs[0]?.id ?? ""));
    expect(created).toHaveLength(4);
    expect(new Set(created.map((task) => task.ownerId))).toEqual(new Set([csm.actor.userId]));
    expect(created.find((task) => task.title === "Schedule the executive business review")?.dueAt).toEqual(
      new Date(NOW.getTime() + 7 * DAY),
    );

    const running = (await getClientPlaybooks({ tenantId: tenant.id, now: NOW })).find(
      (p) => p.code === "renewal_prep",
    );
    expect(running).toMatchObject({ suggestion: null, run: { status: "running", done: 0, total: 4 } });
    for (const task of created) await updateTask({ taskId: task.id, status: "done", actor: csm.actor, now: NOW });
    const [run] = await db.select().from(playbookRuns).where(eq(playbookRuns.tenantId, tenant.id));
    expect(run).toMatchObject({ status: "completed", completedAt: NOW });
    const timeline = await listTimeline({ tenantId: tenant.id, kinds: ["playbook"] });
    expect(timeline.data.map((entry) => entry.title)).toEqual([
      "Playbook completed: Renewal prep",
      "Playbook started: Renewal prep (4 tasks)",
    ]);
    // A new run may start once the last one is done.
    const again = await startPlaybook({ tenantId: tenant.id, playbookId: renewal.id, actor: starter.actor, now: NOW });
    expect(again.started).toBe(true);
  });

  it("Payment Retries is suggested for an overdue open invoice; an unknown playbook or client is not found", async () => {
    const tenant = await createTenant(db);
    const staff = await signedInStaff("success");
    await createInvoice(db, {
      tenantId: tenant.id,
      issuedAt: new Date(NOW.getTime() - 20 * DAY),
      dueAt: new Date(NOW.getTime() - 6 * DAY),
      lines: [{ kind: "subscription", description: "Basic", unitAmountCents: 9_900 }],
    });
    const list = await getClientPlaybooks({ tenantId: tenant.id, now: NOW });
    expect(list.find((p) => p.code === "payment_retries")?.suggestion).toBe("1 invoice in Payment Retries");
    expect(
      (
        await rejection(
          startPlaybook({
            tenantId: tenant.id,
            playbookId: "0195f0a0-0000-7000-8000-000000000001",
            actor: staff.actor,
          }),
        )
      ).code,
    ).toBe("not_found");
    const [any] = await db.select().from(playbooks).limit(1);
    expect(
      (
        await rejection(
          startPlaybook({
            tenantId: "0195f0a0-0000-7000-8000-000000000001",
            playbookId: any?.id ?? "",
            actor: staff.actor,
          }),
        )
      ).code,
    ).toBe("not_found");
  });
});

describe("NPS", () => {
  function memberActor(
    member: Awaited<ReturnType<typeof createMember>>,
    tenantId: string,
    role: MemberActor["role"],
  ): MemberActor {
    return {
      kind: "member",
      userId: member.user.id,
      email: member.user.email,
      name: member.user.name,
      role,
      tenantId,
      tenantSlug: "x",
      sessionId: "s",
    };
  }

  it("owners and dispatchers are asked once per 90 days; answers count as promoters − detractors", async () => {
    const tenant = await createTenant(db, { trade: "electrical" });
    const owner = memberActor(await createMember(db, { tenantId: tenant.id, role: "owner" }), tenant.id, "owner");
    const dispatcher = memberActor(
      await createMember(db, { tenantId: tenant.id, role: "dispatcher" }),
      tenant.id,
      "dispatcher",
    );
    const tech = memberActor(
      await createMember(db, { tenantId: tenant.id, role: "technician" }),
      tenant.id,
      "technician",
    );
    const another = memberActor(await createMember(db, { tenantId: tenant.id, role: "owner" }), tenant.id, "owner");
    const third = memberActor(
      await createMember(db, { tenantId: tenant.id, role: "dispatcher" }),
      tenant.id,
      "dispatcher",
    );
    expect(await shouldAskNps({ actor: owner, now: NOW })).toBe(true);
    expect(await shouldAskNps({ actor: tech, now: NOW })).toBe(false);

    await recordNpsResponse({ action: "answer", score: 10, comment: "Leads are great", actor: owner, now: NOW });
    await recordNpsResponse({ action: "answer", score: 9, actor: another, now: NOW });
    await recordNpsResponse({ action: "answer", score: 7, actor: third, now: NOW });
    await recordNpsResponse({ action: "dismiss", actor: dispatcher, now: NOW });
    expect(await shouldAskNps({ actor: owner, now: new Date(NOW.getTime() + 89 * DAY) })).toBe(false);
    expect(await shouldAskNps({ actor: owner, now: new Date(NOW.getTime() + 91 * DAY) })).toBe(true);
    expect(await shouldAskNps({ actor: dispatcher, now: new Date(NOW.getTime() + 30 * DAY) })).toBe(false);
    expect((await rejection(recordNpsResponse({ action: "answer", score: 5, actor: owner, now: NOW }))).code).toBe(
      "conflict",
    );
    expect(
      (await rejection(recordNpsResponse({ action: "answer", score: 11, actor: dispatcher, now: NOW }))).code,
    ).toBe("validation_failed");

    // 2 promoters, 1 passive, 0 detractors of 3 → NPS 67.
    const tenantNps = await getNpsSummary({ tenantId: tenant.id, now: NOW });
    expect(tenantNps.platform).toEqual({ nps: 67, responses: 3, promoters: 2, passives: 1, detractors: 0 });
    expect(tenantNps.byTrade).toEqual([
      { segment: "electrical", nps: 67, responses: 3, promoters: 2, passives: 1, detractors: 0 },
    ]);
    expect(tenantNps.comments.map((c) => c.comment)).toEqual(["Leads are great"]);
  });
});
