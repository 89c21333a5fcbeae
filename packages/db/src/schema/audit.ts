import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, id, oneOf } from "./columns";
import { ACTOR_TYPES } from "./enums";

/** Append-only: a trigger in the migration rejects UPDATE and DELETE. No FKs: the trail outlives its subjects. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    at: at("at").notNull().defaultNow(),
    actorType: text("actor_type", { enum: ACTOR_TYPES }).notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label"),
    tenantId: uuid("tenant_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    requestId: text("request_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    before: jsonb("before"),
    after: jsonb("after"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_tenant_at_idx").on(t.tenantId, t.at),
    index("audit_events_actor_at_idx").on(t.actorId, t.at),
    index("audit_events_action_at_idx").on(t.action, t.at),
    index("audit_events_target_idx").on(t.targetType, t.targetId),
    check("audit_events_actor_type_check", oneOf("actor_type", ACTOR_TYPES)),
    check("audit_events_action_format", sql`action ~ '^[a-z_]+(\\.[a-z_]+)+$'`),
  ],
);
