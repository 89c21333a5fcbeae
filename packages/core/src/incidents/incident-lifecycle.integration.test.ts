import { db } from "@pp/db";
import { createMember, createTenant, ensureReferenceData } from "@pp/db/factories";
import { activities, auditEvents, emailOutbox, incidentEvents, incidents, slaPolicies } from "@pp/db/schema";
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { MemberActor } from "../auth/actors";
import { rejection, signedInStaff } from "../staff/testing";
import { acknowledgeIncident } from "./acknowledge-incident";
import { addIncidentUpdate } from "./add-incident-update";
import { assignIncident } from "./assign-incident";
import { bulkUpdateIncidents } from "./bulk-update-incidents";
import { createIncident } from "./create-incident";
import { getIncidentHealth } from "./get-incident-health";
import { getIncidentOrThrow } from "./get-incident-or-throw";
import { listIncidents } from "./list-incidents";
import { listSupportRequests } from "./list-support-requests";
import { openSupportRequest } from "./open-support-request";
import { reopenIncident } from "./reopen-incident";
import { replyToSupportRequest } from "./reply-to-support-request";
import { resolveIncident } from "./resolve-incident";
import { waitOnCustomer } from "./wait-on-customer";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const MIN = 60_000;
const T0 = new Date("2026-03-02T15:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

async function tenantOwner() {
  const tenant = await createTenant(db);
  const owner = await createMember(db, { tenantId: tenant.id, role: "owner" });
  const actor: MemberActor = {
    kind: "member",
    userId: owner.user.id,
    email: owner.user.email,
    name: owner.user.name,
    role: "owner",
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    sessionId: "test-session",
  };
  return { tenant, actor };
}

describe("incident life cycle", () => {
  it("support request → acknowledge → wait on customer (paused) → reply → resolve → reopen, all recorded", async () => {
    const { tenant, actor: member } = await tenantOwner();
    const { actor: staff } = await signedInStaff("support");
    // "We can't work" is sev2: acknowledge within 30 min, resolve within 8 h (24×7).
    const request = await openSupportRequest({
      subject: "Leads stopped arriving",
      description: "No leads since this morning",
      urgency: "blocked",
      actor: member,
      now: T0,
    });
    expect(request).toMatchObject({ severity: "sev2", status: "open", source: "tenant", tenantId: tenant.id });
    expect(request.ackDueAt).toEqual(at(30));
    expect(request.resolveDueAt).toEqual(at(480));

    const breachedAck = await listIncidents({ sla: "about_to_breach", tenantId: tenant.id, now: at(25) });
    expect(breachedAck.data.map((item) => item.id)).toEqual([request.id]);
    expect((await listIncidents({ sla: "on_track", tenantId: tenant.id, now: at(10) })).data).toHaveLength(1);

    await acknowledgeIncident({ incidentId: request.id, actor: staff, now: at(20) });
    await waitOnCustomer({ incidentId: request.id, note: "Which ZIP codes stopped?", actor: staff, now: at(60) });
    // Paused at 60 of 480 minutes: still on track hours later.
    expect((await listIncidents({ sla: "on_track", tenantId: tenant.id, now: at(600) })).data).toHaveLength(1);
    await replyToSupportRequest({ incidentId: request.id, note: "78701 and 78702", actor: member, now: at(300) });
    let [row] = await db.select().from(incidents).where(eq(incidents.id, request.id));
    // 240 minutes paused: the resolve target moves from +480 to +720, the warning from +384 to +624.
    expect(row).toMatchObject({ status: "acknowledged", resolvePausedAt: null, assigneeId: staff.userId });
    expect(row?.resolveDueAt).toEqual(at(720));
    expect(row?.resolveWarnAt).toEqual(at(624));

    await addIncidentUpdate({ incidentId: request.id, note: "Found the filter bug", actor: staff, now: at(310) });
    await addIncidentUpdate({
      incidentId: request.id,
      note: "Fix deploying now",
      visibility: "customer",
      actor: staff,
      now: at(320),
    });
    await resolveIncident({ incidentId: request.id, note: "Filter fixed; leads flowing", actor: staff, now: at(400) });
    expect(
      (await rejection(resolveIncident({ incidentId: request.id, note: "again", actor: staff, now: at(401) }))).code,
    ).toBe("conflict");

    const detail = await getIncidentOrThrow({ incidentId: request.id, now: at(500) });
    expect(detail.events.map((event) => event.kind)).toEqual([
      "created",
      "acknowledged",
      "waiting_on_customer",
      "customer_replied",
      "update",
      "update",
      "resolved",
    ]);
    // 400 minutes open − 240 waiting = 160 of 480: met.
    expect(detail.clocks.resolve).toMatchObject({ phase: "stopped", elapsedMs: 160 * MIN, state: "on_track" });
    expect(detail.clocks.acknowledge).toMatchObject({ phase: "stopped", elapsedMs: 20 * MIN });

    // The tenant sees the customer-visible history only: no internal note.
    const theirs = await getIncidentOrThrow({ incidentId: request.id, tenantId: tenant.id });
    expect(theirs.events.map((event) => event.note)).not.toContain("Found the filter bug");
    expect(theirs.events.map((event) => event.note)).toContain("Fix deploying now");
    expect((await listSupportRequests({ tenantId: tenant.id }))[0]).toMatchObject({
      id: request.id,
      status: "resolved",
    });

    // Another tenant's member gets a 404, for reads and replies.
    const { tenant: other, actor: stranger } = await tenantOwner();
    expect((await rejection(getIncidentOrThrow({ incidentId: request.id, tenantId: other.id }))).code).toBe(
      "not_found",
    );
    expect(
      (await rejection(replyToSupportRequest({ incidentId: request.id, note: "hi", actor: stranger, now: at(401) })))
        .code,
    ).toBe("not_found");

    // Staff news the customer may see is emailed to the requester: wait, customer reply, resolution.
    const mails = await db
      .select({ subject: emailOutbox.subject, to: emailOutbox.to })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.relatedId, request.id), eq(emailOutbox.kind, "support_request_update")))
      .orderBy(asc(emailOutbox.createdAt));
    expect(mails.map((mail) => mail.to)).toEqual([member.email, member.email, member.email, member.email]);
    expect(mails.map((mail) => mail.subject)).toEqual([
      "[Support] Leads stopped arriving — acknowledged",
      "[Support] Leads stopped arriving — waiting on customer",
      "[Support] Leads stopped arriving — support replied",
      "[Support] Leads stopped arriving — resolved",
    ]);

    await reopenIncident({ incidentId: request.id, note: "Stopped again", actor: staff, now: at(1000) });
    [row] = await db.select().from(incidents).where(eq(incidents.id, request.id));
    expect(row).toMatchObject({ status: "acknowledged", resolvedAt: null, resolutionNote: null });
    // Resumed at 1000 with 320 of 480 minutes left (resolved time does not count).
    expect(row?.resolveDueAt).toEqual(at(1320));

    const audits = await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, request.id))
      .orderBy(asc(auditEvents.at));
    expect(audits.map((audit) => audit.action)).toEqual([
      "incident.created",
      "incident.acknowledged",
      "incident.waiting_on_customer",
      "incident.customer_replied",
      "incident.update",
      "incident.update",
      "incident.resolved",
      "incident.reopened",
    ]);
    const timeline = await db
      .select({ title: activities.title })
      .from(activities)
      .where(eq(activities.relatedId, request.id));
    expect(timeline).toHaveLength(8);
    expect(timeline.map((line) => line.title)).toContain("Resolved: Leads stopped arriving");
  });

  it("refuses bad input with the field named, unknown ids with 404, and out-of-order steps with 409", async () => {
    const { actor: staff } = await signedInStaff("support");
    const { actor: viewerActor } = await signedInStaff("viewer");
    const noTitle = await rejection(createIncident({ title: " ", severity: "sev3", actor: staff }));
    expect(noTitle.details).toEqual([{ path: "title", message: "A title is required" }]);
    const badSeverity = await rejection(createIncident({ title: "x", severity: "sev9" as "sev1", actor: staff }));
    expect(badSeverity.code).toBe("validation_failed");
    const badTenant = await rejection(
      createIncident({ title: "x", severity: "sev3", tenantId: "018f0000-0000-7000-8000-000000000000", actor: staff }),
    );
    expect(badTenant.details).toEqual([{ path: "tenantId", message: "no such client" }]);
    const nul = await rejection(createIncident({ title: "a\u0000b", severity: "sev3", actor: staff }));
    expect(nul.details).toEqual([
      { path: "title", message: "must not contain NUL characters (U+0000) or unpaired UTF-16 surrogates" },
    ]);
    expect((await rejection(acknowledgeIncident({ incidentId: "nope", actor: staff }))).code).toBe("not_found");

    const incident = await createIncident({ title: "API slow", severity: "sev3", actor: staff, now: T0 });
    expect((await rejection(waitOnCustomer({ incidentId: incident.id, note: "?", actor: staff }))).message).toBe(
      "Acknowledge the incident first",
    );
    expect((await rejection(reopenIncident({ incidentId: incident.id, note: "x", actor: staff }))).code).toBe(
      "conflict",
    );
    const notStaff = await rejection(
      assignIncident({ incidentId: incident.id, assigneeId: viewerActor.userId, actor: staff }),
    );
    expect(notStaff.details).toEqual([
      { path: "assigneeId", message: "must be an active staff member who works incidents" },
    ]);
    const noNote = await rejection(resolveIncident({ incidentId: incident.id, note: "", actor: staff }));
    expect(noNote.details).toEqual([{ path: "note", message: "A resolution note is required" }]);
  });

  it("bulk acknowledge / assign / resolve answer per item", async () => {
    const { actor: staff } = await signedInStaff("operations");
    const { actor: other } = await signedInStaff("support");
    const a = await createIncident({ title: "A", severity: "sev4", actor: staff, now: T0 });
    const b = await createIncident({ title: "B", severity: "sev4", actor: staff, now: T0 });
    await resolveIncident({ incidentId: b.id, note: "dup", actor: staff, now: at(1) });
    const acked = await bulkUpdateIncidents({
      action: "acknowledge",
      ids: [a.id, b.id, "unknown"],
      actor: staff,
      now: at(2),
    });
    expect(acked).toMatchObject({ succeeded: 1, failed: 2 });
    expect(acked.results).toEqual([
      { id: a.id, ok: true, status: "acknowledged" },
      { id: b.id, ok: false, error: { code: "conflict", message: "This incident is resolved — reopen it first" } },
      { id: "unknown", ok: false, error: { code: "not_found", message: "Incident not found" } },
    ]);
    const assigned = await bulkUpdateIncidents({
      action: "assign",
      ids: [a.id],
      assigneeId: other.userId,
      actor: staff,
    });
    expect(assigned.results).toEqual([{ id: a.id, ok: true, status: "acknowledged" }]);
    const resolved = await bulkUpdateIncidents({
      action: "resolve",
      ids: [a.id, b.id],
      note: "Fixed",
      actor: staff,
      now: at(90),
    });
    expect(resolved.results.map((result) => result.ok)).toEqual([true, false]);
    const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, a.id));
    expect(events.map((event) => event.kind).sort()).toEqual(["acknowledged", "assigned", "created", "resolved"]);
  });

  it("a business-hours policy: opened Friday 16:00 New York, the clocks skip the weekend", async () => {
    await db
      .update(slaPolicies)
      .set({
        calendar: "business_hours",
        timeZone: "America/New_York",
        businessDays: [1, 2, 3, 4, 5],
        businessStartMinute: 540,
        businessEndMinute: 1020,
        ackMinutes: 120,
        resolveMinutes: 480,
      })
      .where(eq(slaPolicies.severity, "sev4"));
    const { actor: staff } = await signedInStaff("support");
    const incident = await createIncident({
      title: "Invoice PDF logo blurry",
      severity: "sev4",
      actor: staff,
      now: new Date("2026-01-09T21:00:00Z"),
    });
    // Fri 16–17 (1 h) + Mon 9–10: acknowledge by Mon 10:00 EST; resolve (8 h) by Mon 16:00 EST.
    expect(incident.ackDueAt).toEqual(new Date("2026-01-12T15:00:00Z"));
    expect(incident.resolveDueAt).toEqual(new Date("2026-01-12T21:00:00Z"));
    // Saturday noon: 1 of 2 working hours used — on track, although 20 real hours passed.
    const saturday = await listIncidents({ sla: "on_track", now: new Date("2026-01-10T17:00:00Z") });
    expect(saturday.data.map((item) => item.id)).toContain(incident.id);
  });

  it("MTTA / MTTR per severity against the prior period, and counts by week", async () => {
    const { tenant } = await tenantOwner();
    const { actor: staff } = await signedInStaff("support");
    const now = new Date("2026-05-27T12:00:00Z"); // a Wednesday
    const day = 86_400_000;
    const open = async (daysAgo: number, ackMin: number, resolveMin: number) => {
      const openedAt = new Date(now.getTime() - daysAgo * day);
      const incident = await createIncident({
        title: "x",
        severity: "sev2",
        tenantId: tenant.id,
        actor: staff,
        now: openedAt,
      });
      await acknowledgeIncident({
        incidentId: incident.id,
        actor: staff,
        now: new Date(openedAt.getTime() + ackMin * MIN),
      });
      await resolveIncident({
        incidentId: incident.id,
        note: "done",
        actor: staff,
        now: new Date(openedAt.getTime() + resolveMin * MIN),
      });
    };
    await open(2, 10, 100);
    await open(3, 20, 300);
    await open(40, 60, 600);
    const health = await getIncidentHealth({ now, tenantId: tenant.id, weeks: 4 });
    const sev2 = health.bySeverity.find((entry) => entry.severity === "sev2");
    expect(sev2?.current).toEqual({ mttaMinutes: 15, acknowledged: 2, mttrMinutes: 200, resolved: 2 });
    expect(sev2?.prior).toEqual({ mttaMinutes: 60, acknowledged: 1, mttrMinutes: 600, resolved: 1 });
    expect(health.weeks.map((week) => week.weekStart)).toEqual([
      "2026-05-04",
      "2026-05-11",
      "2026-05-18",
      "2026-05-25",
    ]);
    // 2 and 3 days before Wed 27 May: Mon 25 and Sun 24 May (weeks of 25 May and 18 May).
    expect(health.weeks.at(-1)).toEqual({ weekStart: "2026-05-25", counts: { sev1: 0, sev2: 1, sev3: 0, sev4: 0 } });
    expect(health.weeks.at(-2)?.counts.sev2).toBe(1);
    // 40 days before: 17 Apr, older than the 4 weeks shown.
    expect(health.weeks.reduce((sum, week) => sum + week.counts.sev2, 0)).toBe(2);
  });
});
