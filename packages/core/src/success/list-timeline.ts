import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, type Page, page, ZPageQuery } from "../pagination";
import { parseInput } from "../parse-input";
import { getTenantOrThrow } from "./get-tenant-or-throw";
import { TIMELINE_KINDS, type TimelineKind, timelineSql } from "./timeline-sources";

export const ZListTimeline = ZPageQuery.extend({
  tenantId: z.string().min(1).max(100),
  /** Only these kinds; all when empty. */
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
});
export type TListTimeline = z.input<typeof ZListTimeline>;

export type TimelineEntry = {
  id: string;
  kind: TimelineKind;
  at: Date;
  title: string;
  /** Who did it: a person's name, or null when the system did. */
  actor: string | null;
  relatedType: string | null;
  relatedId: string | null;
  detail: Record<string, unknown>;
};

// The cursor keeps the microseconds: rows written by the database's clock share milliseconds.
const ZCursor = z.object({ at: z.iso.datetime({ precision: 6 }), id: z.string().min(1).max(200) });

/** Client 360's timeline: everything that happened to one client, newest first, filterable by kind. */
export async function listTimeline(input: TListTimeline, executor: Executor = db): Promise<Page<TimelineEntry>> {
  const query = parseInput(ZListTimeline, input);
  const tenant = await getTenantOrThrow({ tenantId: query.tenantId }, executor);
  const kinds = query.kinds && query.kinds.length > 0 ? query.kinds : null;
  const cursor = query.cursor ? decodeCursor(query.cursor, ZCursor) : null;
  const result = await executor.execute<{
    id: string;
    kind: TimelineKind;
    at: string | Date;
    title: string;
    actor: string | null;
    related_type: string | null;
    related_id: string | null;
    detail: Record<string, unknown> | null;
    at_key: string;
  }>(sql`
    select t.*, to_char(t.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_key from (${timelineSql(tenant.id)}) t
    where t.at is not null
      ${kinds ? sql`and t.kind = any(${`{${kinds.join(",")}}`}::text[])` : sql``}
      ${cursor ? sql`and (t.at, t.id) < (${cursor.at}::timestamptz, ${cursor.id})` : sql``}
    order by t.at desc, t.id desc
    limit ${query.limit + 1}`);
  const rows = result.rows.map((row) => ({
    atKey: row.at_key,
    id: row.id,
    kind: row.kind,
    at: new Date(row.at),
    title: row.title,
    actor: row.actor,
    relatedType: row.related_type,
    relatedId: row.related_id,
    detail: row.detail ?? {},
  }));
  const { data, nextCursor } = page(rows, query.limit, (last) => ({ at: last.atKey, id: last.id }));
  return { data: data.map(({ atKey: _, ...entry }): TimelineEntry => entry), nextCursor };
}
