import { db, type Executor } from "@pp/db";
import { INCIDENT_SEVERITIES, INCIDENT_SOURCES, INCIDENT_STATUSES, incidents, tenants, users } from "@pp/db/schema";
import { and, desc, eq, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { parseInput } from "../parse-input";
import { SLA_STATES } from "./sla-clock";
import { clockOfRow, type IncidentClock, slaClockSql } from "./sla-state";

export const ZListIncidentsQuery = ZPageQuery.extend({
  status: z.enum([...INCIDENT_STATUSES, "unresolved"]).optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
  source: z.enum(INCIDENT_SOURCES).optional(),
  tenantId: z.string().uuid("must be a client id").optional(),
  /** A staff user id, or `unassigned`. */
  assigneeId: z.string().min(1).max(100).optional(),
  /** The current clock's state; only unresolved incidents have a running clock. */
  sla: z.enum(SLA_STATES).optional(),
});
export type TListIncidentsQuery = z.input<typeof ZListIncidentsQuery>;

export type IncidentListItem = {
  id: string;
  title: string;
  severity: (typeof INCIDENT_SEVERITIES)[number];
  status: (typeof INCIDENT_STATUSES)[number];
  source: (typeof INCIDENT_SOURCES)[number];
  tenantId: string | null;
  tenantName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  escalationLevel: number;
  openedAt: Date;
  clock: IncidentClock;
};

const ZCursor = z.object({ openedAt: z.string().datetime(), id: z.string().uuid() });

/** Support & Incidents: newest first, filtered by status, severity, client, assignee and SLA state. */
export async function listIncidents(
  options: TListIncidentsQuery & { now?: Date },
  executor: Executor = db,
): Promise<Page<IncidentListItem>> {
  const query = parseInput(ZListIncidentsQuery, options);
  const now = options.now ?? new Date();
  const filters: SQL[] = [];
  if (query.status === "unresolved") filters.push(sql`${incidents.status} <> 'resolved'`);
  else if (query.status) filters.push(eq(incidents.status, query.status));
  if (query.severity) filters.push(eq(incidents.severity, query.severity));
  if (query.source) filters.push(eq(incidents.source, query.source));
  if (query.tenantId) filters.push(eq(incidents.tenantId, query.tenantId));
  if (query.assigneeId === "unassigned") filters.push(isNull(incidents.assigneeId));
  else if (query.assigneeId) filters.push(eq(incidents.assigneeId, query.assigneeId));
  if (query.sla) {
    const { state } = slaClockSql(now, "incidents");
    filters.push(sql`${incidents.status} <> 'resolved'`, sql`(${state}) = ${query.sla}`);
  }
  if (query.cursor) {
    const position = decodeCursor(query.cursor, ZCursor);
    const openedAt = new Date(position.openedAt);
    const before = or(
      lt(incidents.openedAt, openedAt),
      and(eq(incidents.openedAt, openedAt), lt(incidents.id, position.id)),
    );
    if (before) filters.push(before);
  }
  const rows = await executor
    .select({ incident: incidents, tenantName: tenants.name, assigneeName: users.name })
    .from(incidents)
    .leftJoin(tenants, eq(tenants.id, incidents.tenantId))
    .leftJoin(users, eq(users.id, incidents.assigneeId))
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(incidents.openedAt), desc(incidents.id))
    .limit(query.limit + 1);
  const items = rows.map(({ incident, tenantName, assigneeName }) => ({
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    source: incident.source,
    tenantId: incident.tenantId,
    tenantName,
    assigneeId: incident.assigneeId,
    assigneeName,
    escalationLevel: incident.escalationLevel,
    openedAt: incident.openedAt,
    clock: clockOfRow(incident, now),
  }));
  return page(items, query.limit, (item) => ({ openedAt: item.openedAt.toISOString(), id: item.id }));
}
