import { db, type Executor } from "@pp/db";
import { auditEvents, tenants } from "@pp/db/schema";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page } from "../pagination";
import { auditFilterConditions, type TAuditFilters } from "./audit-filters";

export type AuditActorType = (typeof auditEvents.actorType.enumValues)[number];

/** One row of the audit trail as lists show it (before/after and metadata come with the single event). */
export type AuditEventListItem = {
  id: string;
  at: Date;
  actorType: AuditActorType;
  actorId: string | null;
  actorLabel: string | null;
  tenantId: string | null;
  /** Null when the event has no tenant, or its tenant no longer exists (the trail outlives it). */
  tenantName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type ListAuditEventsOptions = TAuditFilters & { cursor?: string; limit?: number };

/** Where the last row shown sits: `at` to the microsecond (a JS Date would lose them) and its id. */
const ZAuditCursor = z.object({ at: z.iso.datetime(), id: z.uuid() });
export type AuditPosition = z.output<typeof ZAuditCursor>;

const MAX_LIMIT = 100;
export const DEFAULT_AUDIT_PAGE_SIZE = 50;

// Postgres keeps microseconds; the cursor carries them as text so keyset pages never skip or repeat rows.
const exactAt = sql<string>`to_char(${auditEvents.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const columns = {
  id: auditEvents.id,
  at: auditEvents.at,
  exactAt,
  actorType: auditEvents.actorType,
  actorId: auditEvents.actorId,
  actorLabel: auditEvents.actorLabel,
  tenantId: auditEvents.tenantId,
  tenantName: tenants.name,
  action: auditEvents.action,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  requestId: auditEvents.requestId,
  ip: auditEvents.ip,
  userAgent: auditEvents.userAgent,
  before: auditEvents.before,
  after: auditEvents.after,
  metadata: auditEvents.metadata,
};

/**
 * Rows (with before/after and metadata) newest first after `position` (exclusive), keyset on (at, id) descending. The list and the
 * CSV export both read through here, so they can never disagree on what a filter means.
 */
export async function selectAuditEvents(
  options: { filters: TAuditFilters; after?: AuditPosition; limit: number },
  executor: Executor = db,
) {
  const conditions = auditFilterConditions(options.filters);
  if (options.after) {
    conditions.push(
      sql`(${auditEvents.at}, ${auditEvents.id}) < (${options.after.at}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  return executor
    .select(columns)
    .from(auditEvents)
    .leftJoin(tenants, eq(tenants.id, auditEvents.tenantId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(options.limit);
}

export function positionOf(row: { exactAt: string; id: string }): AuditPosition {
  return { at: row.exactAt, id: row.id };
}

/** The audit trail, newest first, filtered and keyset-paginated: `{ data, nextCursor }`. */
export async function listAuditEvents(
  options: ListAuditEventsOptions = {},
  executor: Executor = db,
): Promise<Page<AuditEventListItem>> {
  const { cursor, limit: requested, ...filters } = options;
  const limit = Math.min(Math.max(requested ?? DEFAULT_AUDIT_PAGE_SIZE, 1), MAX_LIMIT);
  const after = cursor ? decodeCursor(cursor, ZAuditCursor) : undefined;
  const rows = await selectAuditEvents({ filters, after, limit: limit + 1 }, executor);
  const result = page(rows, limit, positionOf);
  return { nextCursor: result.nextCursor, data: result.data.map(toListItem) };
}

function toListItem(row: Awaited<ReturnType<typeof selectAuditEvents>>[number]): AuditEventListItem {
  const { exactAt: _exactAt, before: _before, after: _after, metadata: _metadata, ...item } = row;
  return item;
}
