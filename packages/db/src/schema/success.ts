import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { ACTIVITY_KINDS, HEALTH_BANDS, PLAYBOOK_RUN_STATUSES, TASK_STATUSES } from "./enums";
import { tenants } from "./tenancy";

export const playbooks = pgTable(
  "playbooks",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    // Task templates: title, due offset in days and default owner (the tenant's CSM unless "starter":
    // whoever starts the run). Absent owner = "csm".
    steps: jsonb("steps").$type<{ title: string; dueInDays: number; owner?: "csm" | "starter" }[]>().notNull(),
    archivedAt: at("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("playbooks_code_key").on(t.code)],
);

export const playbookRuns = pgTable(
  "playbook_runs",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    playbookId: uuid("playbook_id")
      .notNull()
      .references(() => playbooks.id),
    status: text("status", { enum: PLAYBOOK_RUN_STATUSES }).notNull().default("running"),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    startedAt: at("started_at").notNull().defaultNow(),
    completedAt: at("completed_at"),
  },
  (t) => [
    index("playbook_runs_tenant_idx").on(t.tenantId, t.startedAt),
    // One running run per tenant and playbook: a second Start finds the first.
    uniqueIndex("playbook_runs_running_key").on(t.tenantId, t.playbookId).where(sql`status = 'running'`),
    check("playbook_runs_status_check", oneOf("status", PLAYBOOK_RUN_STATUSES)),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description"),
    kind: text("kind").notNull().default("task"),
    status: text("status", { enum: TASK_STATUSES }).notNull().default("open"),
    ownerId: text("owner_id").references(() => users.id, { onDelete: "set null" }),
    dueAt: at("due_at"),
    completedAt: at("completed_at"),
    relatedType: text("related_type"),
    relatedId: text("related_id"),
    playbookRunId: uuid("playbook_run_id").references(() => playbookRuns.id, { onDelete: "set null" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("tasks_owner_due_idx").on(t.ownerId, t.dueAt).where(sql`status = 'open'`),
    index("tasks_tenant_idx").on(t.tenantId, t.createdAt),
    check("tasks_status_check", oneOf("status", TASK_STATUSES)),
    check("tasks_kind_check", sql`kind in ('task', 'ebr', 'call', 'email')`),
  ],
);

export const notes = pgTable(
  "notes",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    /** Pinned notes sit above the rest on the Notes tab. */
    pinnedAt: at("pinned_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("notes_tenant_idx").on(t.tenantId, t.createdAt), check("notes_body_check", sql`length(body) > 0`)],
);

/** The Client 360 timeline. */
export const activities = pgTable(
  "activities",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ACTIVITY_KINDS }).notNull(),
    title: text("title").notNull(),
    actorId: text("actor_id"),
    relatedType: text("related_type"),
    relatedId: text("related_id"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("activities_tenant_at_idx").on(t.tenantId, t.at),
    check("activities_kind_check", oneOf("kind", ACTIVITY_KINDS)),
  ],
);

export const npsResponses = pgTable(
  "nps_responses",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    score: smallint("score").notNull(),
    comment: text("comment"),
    respondedAt: at("responded_at").notNull().defaultNow(),
  },
  (t) => [
    index("nps_responses_tenant_idx").on(t.tenantId, t.respondedAt),
    index("nps_responses_user_idx").on(t.userId),
    check("nps_responses_score_check", sql`score between 0 and 10`),
  ],
);

export const healthScores = pgTable(
  "health_scores",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    score: integer("score").notNull(),
    band: text("band", { enum: HEALTH_BANDS }).notNull(),
    components: jsonb("components")
      .$type<Record<string, { score: number; weight: number; detail?: string }>>()
      .notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("health_scores_tenant_day_key").on(t.tenantId, t.day),
    index("health_scores_day_idx").on(t.day, t.score),
    check("health_scores_score_check", sql`score between 0 and 100`),
    check("health_scores_band_check", oneOf("band", HEALTH_BANDS)),
  ],
);

/** A user who closed the NPS prompt without answering: not asked again for the same 90 days. */
export const npsDismissals = pgTable(
  "nps_dismissals",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    dismissedAt: at("dismissed_at").notNull().defaultNow(),
  },
  (t) => [
    index("nps_dismissals_user_idx").on(t.userId, t.dismissedAt),
    index("nps_dismissals_tenant_idx").on(t.tenantId),
  ],
);
