import type { Executor } from "@pp/db";
import type { FeatureKey } from "@pp/db/feature-keys";
import { activities, incidentEvents, incidents, users } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { MemberActor, StaffActor } from "../auth/actors";
import { enqueueEmail } from "../email/enqueue-email";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { computeSlaClocks } from "./sla-clock";
import { loadSlaPolicy } from "./sla-policy";

export type Incident = typeof incidents.$inferSelect;
export type IncidentEventKind =
  | "created"
  | "acknowledged"
  | "assigned"
  | "update"
  | "waiting_on_customer"
  | "resumed"
  | "customer_replied"
  | "resolved"
  | "reopened";

export type IncidentChange = {
  kind: IncidentEventKind;
  note?: string | null;
  visibility: "internal" | "customer";
  data?: Record<string, unknown>;
  /** Columns this change sets besides the SLA columns. */
  set?: Partial<Omit<typeof incidents.$inferInsert, "id">>;
  /** The line on the client's timeline. */
  timeline: string;
  featureKey?: FeatureKey;
};

export type ChangeIncidentOptions = {
  incidentId: string;
  actor: StaffActor | MemberActor;
  now: Date;
  context?: AuditContext;
  /** Decides the change from the locked row, or throws AppError (e.g. `conflict`). */
  decide: (incident: Incident) => IncidentChange;
};

export type IncidentChangeResult = {
  incidentId: string;
  tenantId: string | null;
  status: Incident["status"];
  eventId: string;
};

/**
 * The one path every incident change takes, in one transaction: lock the row, let the verb
 * decide, write the `incident_events` row, recompute the SLA columns from the whole history,
 * add a line to the client's timeline, audit, and email the requester what they may see.
 * A member only reaches incidents of their own tenant; anything else is a 404.
 */
export async function changeIncident(
  options: ChangeIncidentOptions,
  executor: Executor,
): Promise<IncidentChangeResult> {
  const { incidentId, actor, now } = options;
  if (!isUuid(incidentId)) throw new AppError("not_found", "Incident not found");
  return executor.transaction(async (tx) => {
    const [incident] = await tx.select().from(incidents).where(eq(incidents.id, incidentId)).for("update");
    if (!incident || (actor.kind === "member" && incident.tenantId !== actor.tenantId)) {
      throw new AppError("not_found", "Incident not found");
    }
    const change = options.decide(incident);
    const [event] = await tx
      .insert(incidentEvents)
      .values({
        incidentId: incident.id,
        kind: change.kind,
        actorId: actor.userId,
        note: change.note ?? null,
        visibility: change.visibility,
        data: { ...change.data, actorKind: actor.kind },
        at: now,
      })
      .returning({ id: incidentEvents.id });
    if (!event) throw new Error("incident event insert returned no row");
    const next = { ...incident, ...change.set };
    const sla = await slaColumnsOf({ ...next, id: incident.id }, now, tx);
    await tx
      .update(incidents)
      .set({ ...change.set, ...sla, updatedAt: now })
      .where(eq(incidents.id, incident.id));
    await recordChangeSideEffects({ incident, change, actor, now, eventId: event.id, context: options.context }, tx);
    return { incidentId: incident.id, tenantId: incident.tenantId, status: next.status, eventId: event.id };
  });
}

/** The SLA columns of an incident from its full event history (sla-clock.ts). */
export async function slaColumnsOf(
  incident: Pick<Incident, "id" | "severity" | "openedAt">,
  now: Date,
  executor: Executor,
): Promise<Pick<Incident, "ackDueAt" | "ackWarnAt" | "resolveDueAt" | "resolveWarnAt" | "resolvePausedAt">> {
  const policy = await loadSlaPolicy(incident.severity, executor);
  const events = await executor
    .select({ kind: incidentEvents.kind, at: incidentEvents.at })
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incident.id))
    .orderBy(asc(incidentEvents.at));
  const clocks = computeSlaClocks({ openedAt: incident.openedAt, events, policy, now });
  return {
    ackDueAt: clocks.acknowledge.dueAt,
    ackWarnAt: clocks.acknowledge.warnAt,
    resolveDueAt: clocks.resolve.dueAt,
    resolveWarnAt: clocks.resolve.warnAt,
    resolvePausedAt: clocks.resolve.phase === "running" ? null : clocks.resolve.stoppedAt,
  };
}

async function recordChangeSideEffects(
  input: {
    incident: Incident;
    change: IncidentChange;
    actor: StaffActor | MemberActor;
    now: Date;
    eventId: string;
    context?: AuditContext;
  },
  tx: Executor,
): Promise<void> {
  const { incident, change, actor, now } = input;
  if (incident.tenantId) {
    await tx.insert(activities).values({
      tenantId: incident.tenantId,
      kind: "system",
      title: `${change.timeline}: ${incident.title}`,
      actorId: actor.userId,
      relatedType: "incident",
      relatedId: incident.id,
      metadata: { event: change.kind, eventId: input.eventId },
      at: now,
    });
  }
  await recordAuditEvent(
    {
      actor,
      action: `incident.${change.kind}`,
      tenantId: incident.tenantId,
      target: { type: "incident", id: incident.id },
      before: { status: incident.status, assigneeId: incident.assigneeId },
      after: {
        status: change.set?.status ?? incident.status,
        assigneeId: change.set?.assigneeId ?? incident.assigneeId,
      },
      metadata: { note: change.note ?? undefined, ...change.data },
      context: input.context,
    },
    tx,
  );
  if (change.featureKey) {
    await recordFeatureUse(
      {
        tenantId: incident.tenantId,
        userId: actor.userId,
        app: actor.kind === "staff" ? "portal" : "tenant",
        featureKey: change.featureKey,
        metadata: { incidentId: incident.id },
        at: now,
      },
      tx,
    );
  }
  // Staff news the customer may see goes to the person who asked, by email as well as in the app.
  if (actor.kind === "staff" && change.visibility === "customer" && incident.requestedById) {
    const [requester] = await tx
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, incident.requestedById))
      .limit(1);
    if (requester) {
      await enqueueEmail(
        {
          to: requester.email,
          subject: `[Support] ${incident.title} — ${change.timeline.toLowerCase()}`,
          text: [
            `${change.timeline} on your support request "${incident.title}".`,
            change.note ? `\n${change.note}\n` : "",
            "Open the Support page in the app to read the whole conversation or reply.",
          ].join("\n"),
          kind: "support_request_update",
          tenantId: incident.tenantId,
          related: { type: "incident", id: incident.id },
        },
        tx,
      );
    }
  }
}
