import { db, type Executor } from "@pp/db";
import { activities, incidentEvents, incidents } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { AppError } from "../errors";
import { isUuid, parseInput } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";

export const ZEscalateIncident = z.object({
  note: z
    .string()
    .trim()
    .min(1, "Say why it is escalated and what is needed")
    .max(2_000, "must be at most 2,000 characters"),
});
export type TEscalateIncident = z.input<typeof ZEscalateIncident>;

export type EscalateIncidentOptions = TEscalateIncident & {
  incidentId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

export type EscalatedIncident = {
  incidentId: string;
  tenantId: string | null;
  escalationLevel: number;
  eventId: string;
};

/**
 * Escalate: raises an unresolved incident's escalation level by one, with a note, as an
 * `escalated` incident event and a line on the client's timeline. The row lock makes two
 * simultaneous escalations two levels, never one lost update.
 */
export async function escalateIncident(
  options: EscalateIncidentOptions,
  executor: Executor = db,
): Promise<EscalatedIncident> {
  const { incidentId, actor } = options;
  const { note } = parseInput(ZEscalateIncident, { note: options.note });
  const now = options.now ?? new Date();
  if (!isUuid(incidentId)) throw new AppError("not_found", "Incident not found");
  return executor.transaction(async (tx) => {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for("update");
    if (!incident) throw new AppError("not_found", "Incident not found");
    if (incident.status === "resolved") {
      throw new AppError("conflict", "This incident is resolved — reopen it before escalating");
    }
    const level = incident.escalationLevel + 1;
    await tx.update(incidents).set({ escalationLevel: level, updatedAt: now }).where(eq(incidents.id, incident.id));
    const [event] = await tx
      .insert(incidentEvents)
      .values({
        incidentId: incident.id,
        kind: "escalated",
        actorId: actor.userId,
        note,
        data: { level, from: incident.escalationLevel },
        at: now,
      })
      .returning({ id: incidentEvents.id });
    if (!event) throw new Error("incident event insert returned no row");
    if (incident.tenantId) {
      await tx.insert(activities).values({
        tenantId: incident.tenantId,
        kind: "system",
        title: `Incident escalated to level ${level}: ${incident.title}`,
        actorId: actor.userId,
        relatedType: "incident",
        relatedId: incident.id,
        metadata: { level, note },
        at: now,
      });
    }
    await recordAuditEvent(
      {
        actor,
        action: "incident.escalated",
        tenantId: incident.tenantId,
        target: { type: "incident", id: incident.id },
        before: { escalationLevel: incident.escalationLevel },
        after: { escalationLevel: level },
        metadata: { note },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: incident.tenantId,
        userId: actor.userId,
        app: "portal",
        featureKey: "EscalateIncident",
        metadata: { incidentId: incident.id, level },
        at: now,
      },
      tx,
    );
    return { incidentId: incident.id, tenantId: incident.tenantId, escalationLevel: level, eventId: event.id };
  });
}
