import { auditEvents } from "@pp/db/schema";
import { and, eq, gte, ilike, like, lt, lte, type SQL } from "drizzle-orm";
import { z } from "zod";
import { clampToStorable } from "../input/storable";
import { zDateFilter, zDay } from "../input/zod-pieces";
import { likePattern } from "../tenants/like-pattern";

/** A filter that may be absent or sent empty (a GET form's "Any" option submits `tenantId=`). */
const optional = <Schema extends z.ZodType>(schema: Schema) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const ZDay = zDay("must be a date like 2026-01-31");
const ZInstant = zDateFilter("must be a date or an ISO timestamp");

/**
 * The audit trail's filters, shared by the Audit log page, `GET /api/provider/audit-events` and
 * its CSV export, so the three always agree on which rows a URL means.
 */
export const ZAuditFilters = z.object({
  /** Part of the actor's label (staff or user email, system label), case-insensitive. */
  actor: optional(z.string().trim().min(1).max(200)),
  tenantId: optional(z.uuid("must be a tenant id")),
  /** Any part of `domain.verb`: `invited`, `team.`, `role_changed` or as people type it, `role changed`. */
  action: optional(
    z
      .string()
      .trim()
      .toLowerCase()
      .max(100)
      .regex(/^[a-z0-9_. -]+$/, "must be part of an action, like invited, team. or staff.invited")
      .transform((action) => action.replace(/[ -]+/g, "_")),
  ),
  targetType: optional(z.string().trim().min(1).max(100)),
  targetId: optional(z.string().trim().min(1).max(200)),
  /** From this day (UTC) or instant, inclusive. */
  from: optional(ZInstant),
  /** Up to this day (UTC, the whole day) or instant, inclusive. */
  to: optional(ZInstant),
});
export type TAuditFilters = z.output<typeof ZAuditFilters>;

export const AUDIT_FILTER_NAMES = Object.keys(ZAuditFilters.shape) as (keyof TAuditFilters)[];

const DAY_MS = 24 * 60 * 60 * 1000;
const isDay = (value: string) => ZDay.safeParse(value).success;

/** `to` covers its whole day when it is a date; an instant is taken as it is (inclusive). */
export function auditFilterConditions(filters: TAuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.actor) conditions.push(ilike(auditEvents.actorLabel, likePattern(filters.actor)));
  if (filters.tenantId) conditions.push(eq(auditEvents.tenantId, filters.tenantId));
  if (filters.action) {
    // Anywhere in the action: escape LIKE's wildcards (`_` appears in actions).
    conditions.push(like(auditEvents.action, `%${filters.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  }
  if (filters.targetType) conditions.push(eq(auditEvents.targetType, filters.targetType));
  if (filters.targetId) conditions.push(eq(auditEvents.targetId, filters.targetId));
  if (filters.from) conditions.push(gte(auditEvents.at, new Date(filters.from)));
  if (filters.to) {
    const to = new Date(filters.to);
    // "To 9999-12-31" means "to the end": the day after it is past what a timestamptz parameter can carry.
    const dayAfter = clampToStorable(new Date(to.getTime() + DAY_MS));
    conditions.push(isDay(filters.to) ? lt(auditEvents.at, dayAfter) : lte(auditEvents.at, to));
  }
  return conditions;
}

/** All conditions, or undefined for no filter at all. */
export function auditFiltersWhere(filters: TAuditFilters): SQL | undefined {
  const conditions = auditFilterConditions(filters);
  return conditions.length > 0 ? and(...conditions) : undefined;
}
