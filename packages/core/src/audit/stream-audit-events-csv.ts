import { db, type Executor } from "@pp/db";
import { streamCsv } from "../csv/stream-csv";
import { parseInput } from "../parse-input";
import { type TAuditFilters, ZAuditFilters } from "./audit-filters";
import { type AuditPosition, positionOf, selectAuditEvents } from "./list-audit-events";

/** Rows fetched per query while streaming: memory stays flat however long the trail is. */
export const AUDIT_CSV_BATCH_SIZE = 500;

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actor_type",
  "actor_id",
  "actor_label",
  "tenant_id",
  "tenant_name",
  "action",
  "target_type",
  "target_id",
  "request_id",
  "ip",
  "user_agent",
  "before",
  "after",
  "metadata",
] as const;

type AuditRow = Awaited<ReturnType<typeof selectAuditEvents>>[number];

function cellsOf(row: AuditRow): unknown[] {
  return [
    row.id,
    row.at,
    row.actorType,
    row.actorId,
    row.actorLabel,
    row.tenantId,
    row.tenantName,
    row.action,
    row.targetType,
    row.targetId,
    row.requestId,
    row.ip,
    row.userAgent,
    row.before,
    row.after,
    row.metadata,
  ];
}

/**
 * The audit trail matching `filters` as CSV, newest first, streamed: a header row, then batches of
 * 500 read by keyset (at, id) as the client consumes them, so an export of a million rows never
 * sits in memory. Same filters, same rows as the list. The filters are checked and the first
 * batch read before the stream exists, so bad input or a failing query is an ordinary error
 * response, never a 200 that drops the connection; a later failure ends the file with the marker.
 */
export async function streamAuditEventsCsv(
  options: { filters: TAuditFilters; batchSize?: number },
  executor: Executor = db,
): Promise<ReadableStream<Uint8Array>> {
  const filters = parseInput(ZAuditFilters, options.filters);
  const batchSize = options.batchSize ?? AUDIT_CSV_BATCH_SIZE;
  let rows: AuditRow[] | undefined = await selectAuditEvents({ filters, limit: batchSize }, executor);
  let after: AuditPosition | undefined;
  let done = false;
  return streamCsv({
    columns: AUDIT_CSV_COLUMNS,
    nextBatch: async () => {
      if (done) return undefined;
      const batch = rows ?? (await selectAuditEvents({ filters, after, limit: batchSize }, executor));
      rows = undefined;
      const last = batch.at(-1);
      if (last) after = positionOf(last);
      done = batch.length < batchSize;
      return batch.map(cellsOf);
    },
  });
}

/** `audit-events-YYYYMMDD.csv` for the day of the export (UTC). */
export function auditCsvFilename(now: Date = new Date()): string {
  return `audit-events-${now.toISOString().slice(0, 10).replaceAll("-", "")}.csv`;
}
