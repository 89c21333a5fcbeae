import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { INCIDENT_SEVERITIES, INCIDENT_STATUSES } from "./enums";
import { tenants } from "./tenancy";

export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    severity: text("severity", { enum: INCIDENT_SEVERITIES }).notNull(),
    ackMinutes: integer("ack_minutes").notNull(),
    resolveMinutes: integer("resolve_minutes").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sla_policies_severity_key").on(t.severity),
    check("sla_policies_minutes_check", sql`ack_minutes > 0 and resolve_minutes >= ack_minutes`),
    check("sla_policies_severity_check", oneOf("severity", INCIDENT_SEVERITIES)),
  ],
);

export const incidents = pgTable(
  "incidents",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    severity: text("severity", { enum: INCIDENT_SEVERITIES }).notNull(),
    status: text("status", { enum: INCIDENT_STATUSES }).notNull().default("open"),
    assigneeId: text("assignee_id").references(() => users.id, { onDelete: "set null" }),
    escalationLevel: integer("escalation_level").notNull().default(0),
    openedAt: at("opened_at").notNull().defaultNow(),
    ackDueAt: at("ack_due_at").notNull(),
    resolveDueAt: at("resolve_due_at").notNull(),
    acknowledgedAt: at("acknowledged_at"),
    resolvedAt: at("resolved_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("incidents_open_idx").on(t.resolveDueAt).where(sql`status <> 'resolved'`),
    index("incidents_tenant_idx").on(t.tenantId, t.openedAt),
    check("incidents_severity_check", oneOf("severity", INCIDENT_SEVERITIES)),
    check("incidents_status_check", oneOf("status", INCIDENT_STATUSES)),
    check("incidents_escalation_check", sql`escalation_level >= 0`),
  ],
);

export const incidentEvents = pgTable(
  "incident_events",
  {
    id: id(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    actorId: text("actor_id"),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [index("incident_events_incident_idx").on(t.incidentId, t.at)],
);
