import { date, index, jsonb, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { tenants } from "./tenancy";

/** Daily materialized stats; tenant_id null = the whole platform. */
export const metricsSnapshots = pgTable(
  "metrics_snapshots",
  {
    id: id(),
    day: date("day", { mode: "string" }).notNull(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    metrics: jsonb("metrics").$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("metrics_snapshots_day_tenant_key").on(t.day, t.tenantId).nullsNotDistinct(),
    index("metrics_snapshots_tenant_idx").on(t.tenantId, t.day),
  ],
);
