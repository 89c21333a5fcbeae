import type { Executor } from "@pp/db";
import type { FeatureKey } from "@pp/db/feature-keys";
import { activities, incidentEvents, incidents } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { recordFeatureUse } from "../usage/record-feature-use";
import { type Incident, slaColumnsOf } from "./change-incident";

export type NewIncident = {
  tenantId: string | null;
  title: string;
  description: string | null;
  severity: Incident["severity"];
  source: Incident["source"];
  requestedById: string | null;
  assigneeId?: string | null;
  data?: Record<string, unknown>;
};

/**
 * Opens an incident (inside the caller's transaction): the row with its SLA due times from the
 * severity's policy, the `created` event, the client-timeline line, the audit row and feature use.
 */
export async function insertIncident(
  input: NewIncident & { actor: StaffActor | MemberActor; now: Date; context?: AuditContext; featureKey: FeatureKey },
  tx: Executor,
): Promise<Incident> {
  const { actor, now } = input;
  const [row] = await tx
    .insert(incidents)
    .values({
      tenantId: input.tenantId,
      title: input.title,
      description: input.description,
      severity: input.severity,
      source: input.source,
      requestedById: input.requestedById,
      assigneeId: input.assigneeId ?? null,
      openedAt: now,
      // Not-null columns filled with the opening instant; the SLA engine sets them from the history just below.
      ackDueAt: now,
      resolveDueAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("incident insert returned no row");
  await tx.insert(incidentEvents).values({
    incidentId: row.id,
    kind: "created",
    actorId: actor.userId,
    note: input.description,
    visibility: input.tenantId ? "customer" : "internal",
    data: { severity: input.severity, source: input.source, actorKind: actor.kind, ...input.data },
    at: now,
  });
  const sla = await slaColumnsOf(row, now, tx);
  const [incident] = await tx.update(incidents).set(sla).where(eq(incidents.id, row.id)).returning();
  if (!incident) throw new Error("incident update returned no row");
  if (incident.tenantId) {
    await tx.insert(activities).values({
      tenantId: incident.tenantId,
      kind: "system",
      title: `${input.source === "tenant" ? "Support request opened" : "Incident opened"} (${incident.severity}): ${incident.title}`,
      actorId: actor.userId,
      relatedType: "incident",
      relatedId: incident.id,
      metadata: { event: "created", severity: incident.severity },
      at: now,
    });
  }
  await recordAuditEvent(
    {
      actor,
      action: "incident.created",
      tenantId: incident.tenantId,
      target: { type: "incident", id: incident.id },
      after: { title: incident.title, severity: incident.severity, source: incident.source },
      context: input.context,
    },
    tx,
  );
  await recordFeatureUse(
    {
      tenantId: incident.tenantId,
      userId: actor.userId,
      app: actor.kind === "staff" ? "portal" : "tenant",
      featureKey: input.featureKey,
      metadata: { incidentId: incident.id, severity: incident.severity },
      at: now,
    },
    tx,
  );
  return incident;
}
