import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import {
  INCIDENT_EVENT_VISIBILITIES,
  INCIDENT_SEVERITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  SLA_CALENDAR_KINDS,
} from "./enums";
import { tenants } from "./tenancy";

export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: id(),
    severity: text("severity", { enum: INCIDENT_SEVERITIES }).notNull(),
    ackMinutes: integer("ack_minutes").notNull(),
    resolveMinutes: integer("resolve_minutes").notNull(),
    // The business calendar the clocks count in: 24x7, or working hours in a time zone.
    calendar: text("calendar", { enum: SLA_CALENDAR_KINDS }).notNull().default("24x7"),
    timeZone: text("time_zone").notNull().default("UTC"),
    // 0 = Sunday … 6 = Saturday.
    businessDays: jsonb("business_days").$type<number[]>().notNull().default([1, 2, 3, 4, 5]),
    businessStartMinute: integer("business_start_minute").notNull().default(540),
    businessEndMinute: integer("business_end_minute").notNull().default(1020),
    // Local dates (YYYY-MM-DD) on which the clock does not run.
    holidays: jsonb("holidays").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("sla_policies_severity_key").on(t.severity),
    check("sla_policies_minutes_check", sql`ack_minutes > 0 and resolve_minutes >= ack_minutes`),
    check("sla_policies_severity_check", oneOf("severity", INCIDENT_SEVERITIES)),
    check("sla_policies_calendar_check", oneOf("calendar", SLA_CALENDAR_KINDS)),
    check(
      "sla_policies_business_window_check",
      sql`business_start_minute >= 0 and business_start_minute < business_end_minute and business_end_minute <= 1440`,
    ),
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
    source: text("source", { enum: INCIDENT_SOURCES }).notNull().default("staff"),
    // The tenant user who opened a support request: staff replies are emailed to them.
    requestedById: text("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    resolutionNote: text("resolution_note"),
    // Kept from the event history by the SLA engine (sla-clock.ts) so lists and the Action
    // Center can filter by clock state in SQL: when 80 % of each target is used, and since when
    // the resolve clock is paused (waiting on the customer), null while it runs.
    ackWarnAt: at("ack_warn_at"),
    resolveWarnAt: at("resolve_warn_at"),
    resolvePausedAt: at("resolve_paused_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("incidents_open_idx").on(t.resolveDueAt).where(sql`status <> 'resolved'`),
    index("incidents_tenant_idx").on(t.tenantId, t.openedAt),
    check("incidents_severity_check", oneOf("severity", INCIDENT_SEVERITIES)),
    check("incidents_status_check", oneOf("status", INCIDENT_STATUSES)),
    check("incidents_escalation_check", sql`escalation_level >= 0`),
    check("incidents_source_check", oneOf("source", INCIDENT_SOURCES)),
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
    visibility: text("visibility", { enum: INCIDENT_EVENT_VISIBILITIES }).notNull().default("internal"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("incident_events_incident_idx").on(t.incidentId, t.at),
    check("incident_events_visibility_check", oneOf("visibility", INCIDENT_EVENT_VISIBILITIES)),
  ],
);

/** Staff who get an email when an alert opens or resolves. */
export const alertSubscriptions = pgTable("alert_subscriptions", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});
