import { db } from "@pp/db";
import { createIncident, createTenant, ensureReferenceData } from "@pp/db/factories";
import { activities, auditEvents, featureUsage, incidentEvents, incidents } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { rejection, signedInStaff } from "../staff/testing";
import { escalateIncident } from "./escalate-incident";

beforeAll(async () => {
  await ensureReferenceData(db);
});

const NOW = new Date("2025-06-15T12:00:00Z");

describe("escalateIncident", () => {
  it("raises the level by one with an event, a timeline line, an audit row and feature usage", async () => {
    const tenant = await createTenant(db);
    const incident = await createIncident(db, { tenantId: tenant.id, severity: "sev2", title: "Dispatch board blank" });
    const { actor } = await signedInStaff("support");
    const first = await escalateIncident({
      incidentId: incident.id,
      note: "Paging the on-call engineer",
      actor,
      now: NOW,
    });
    const second = await escalateIncident({
      incidentId: incident.id,
      note: "Still down, CTO informed",
      actor,
      now: NOW,
    });
    expect([first.escalationLevel, second.escalationLevel]).toEqual([1, 2]);

    const [row] = await db.select().from(incidents).where(eq(incidents.id, incident.id));
    expect(row?.escalationLevel).toBe(2);
    const events = await db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incident.id));
    expect(events.map((event) => [event.kind, event.note, event.data])).toEqual([
      ["escalated", "Paging the on-call engineer", { level: 1, from: 0 }],
      ["escalated", "Still down, CTO informed", { level: 2, from: 1 }],
    ]);
    const timeline = await db.select().from(activities).where(eq(activities.relatedId, incident.id));
    expect(timeline.map((activity) => activity.title)).toContain("Incident escalated to level 2: Dispatch board blank");
    const audits = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "incident.escalated"), eq(auditEvents.targetId, incident.id)));
    expect(audits.map((audit) => audit.after)).toEqual([{ escalationLevel: 1 }, { escalationLevel: 2 }]);
    const uses = await db
      .select()
      .from(featureUsage)
      .where(and(eq(featureUsage.featureKey, "EscalateIncident"), eq(featureUsage.tenantId, tenant.id)));
    expect(uses).toHaveLength(2);
  });

  it("needs a note, 404s unknown incidents and refuses resolved ones", async () => {
    const incident = await createIncident(db, {
      severity: "sev3",
      status: "resolved",
      acknowledgedAt: NOW,
      resolvedAt: NOW,
    });
    const { actor } = await signedInStaff("operations");
    const blank = await rejection(escalateIncident({ incidentId: incident.id, note: " ", actor, now: NOW }));
    expect(blank.status).toBe(400);
    expect(blank.message).toContain('Invalid field "note"');
    expect((await rejection(escalateIncident({ incidentId: "x", note: "n", actor }))).status).toBe(404);
    expect((await rejection(escalateIncident({ incidentId: incident.id, note: "n", actor }))).status).toBe(409);
  });
});
