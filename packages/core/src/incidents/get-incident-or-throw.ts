import { db, type Executor } from "@pp/db";
import { incidentEvents, incidents, slaPolicies, tenants, users } from "@pp/db/schema";
import { asc, eq } from "drizzle-orm";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import type { Incident } from "./change-incident";
import { computeSlaClocks, type SlaClocks } from "./sla-clock";
import { targetsOf } from "./sla-policy";

export type IncidentEventView = {
  id: string;
  kind: string;
  note: string | null;
  visibility: "internal" | "customer";
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  at: Date;
};

export type IncidentDetail = {
  incident: Incident;
  tenantName: string | null;
  assigneeName: string | null;
  requesterName: string | null;
  clocks: SlaClocks;
  events: IncidentEventView[];
};

/**
 * One incident with its history and both SLA clocks computed from it. With `tenantId` (the
 * tenant app) only that tenant's incidents exist, and only customer-visible events show.
 */
export async function getIncidentOrThrow(
  options: { incidentId: string; tenantId?: string; now?: Date },
  executor: Executor = db,
): Promise<IncidentDetail> {
  const now = options.now ?? new Date();
  if (!isUuid(options.incidentId)) throw new AppError("not_found", "Incident not found");
  const [row] = await executor
    .select({ incident: incidents, tenantName: tenants.name, policy: slaPolicies })
    .from(incidents)
    .leftJoin(tenants, eq(tenants.id, incidents.tenantId))
    .innerJoin(slaPolicies, eq(slaPolicies.severity, incidents.severity))
    .where(eq(incidents.id, options.incidentId))
    .limit(1);
  if (!row || (options.tenantId !== undefined && row.incident.tenantId !== options.tenantId)) {
    throw new AppError("not_found", "Incident not found");
  }
  const events = await executor
    .select({
      id: incidentEvents.id,
      kind: incidentEvents.kind,
      note: incidentEvents.note,
      visibility: incidentEvents.visibility,
      actorId: incidentEvents.actorId,
      actorName: users.name,
      data: incidentEvents.data,
      at: incidentEvents.at,
    })
    .from(incidentEvents)
    .leftJoin(users, eq(users.id, incidentEvents.actorId))
    .where(eq(incidentEvents.incidentId, row.incident.id))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
  const names = new Map(events.map((event) => [event.actorId, event.actorName]));
  const nameOf = async (userId: string | null) => {
    if (!userId) return null;
    if (names.has(userId)) return names.get(userId) ?? null;
    const [user] = await executor.select({ name: users.name }).from(users).where(eq(users.id, userId)).limit(1);
    return user?.name ?? null;
  };
  return {
    incident: row.incident,
    tenantName: row.tenantName,
    assigneeName: await nameOf(row.incident.assigneeId),
    requesterName: await nameOf(row.incident.requestedById),
    clocks: computeSlaClocks({ openedAt: row.incident.openedAt, events, policy: targetsOf(row.policy), now }),
    events: options.tenantId === undefined ? events : events.filter((event) => event.visibility === "customer"),
  };
}
