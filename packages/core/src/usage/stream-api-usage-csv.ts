import { db, type Executor } from "@pp/db";
import { sql } from "drizzle-orm";
import { csvInstant, streamCsv } from "../csv/stream-csv";
import { resolveApiUsageWindow, type TApiUsageFilters } from "./api-usage-filters";
import { rawWhere } from "./api-usage-source";

/** Rows fetched per query: memory stays flat however many requests the filters match. */
export const API_USAGE_CSV_BATCH_SIZE = 2_000;

export const API_USAGE_CSV_COLUMNS = [
  "at",
  "tenant_id",
  "tenant_name",
  "app",
  "route",
  "method",
  "status",
  "duration_ms",
  "bytes",
  "actor",
  "api_key_id",
  "id",
] as const;

const HOUR_MS = 60 * 60 * 1000;
const MIN_SPAN_MS = 5 * 60 * 1000;
const MAX_SPAN_MS = 24 * HOUR_MS;

type Position = { at: string; id: string };
type CsvSourceRow = {
  exact_at: string;
  id: string;
  tenant_id: string | null;
  tenant_name: string | null;
  app: string;
  route: string;
  method: string;
  status: number;
  duration_ms: number;
  bytes: number;
  actor: string | null;
  api_key_id: string | null;
};

/**
 * The raw requests matching the filters as CSV, newest first, streamed: a header row, then
 * batches read by keyset (at, id) as the client consumes them. `api_usage` has no b-tree on `at`
 * alone (ingest stays cheap), so the window is walked backwards in time slices that the daily
 * partitions and the BRIN index find quickly: a slice that filled a batch shrinks the next one, a
 * sparse one grows it (5 minutes to a day). Raw rows are kept USAGE_RAW_RETENTION_DAYS (30), so
 * a longer range exports what is still kept.
 */
export function streamApiUsageCsv(
  options: { filters: TApiUsageFilters; now?: Date; batchSize?: number },
  executor: Executor = db,
): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? API_USAGE_CSV_BATCH_SIZE;
  const window = resolveApiUsageWindow(options.filters, options.now);
  let upper = window.end.getTime();
  let span = HOUR_MS;
  let after: Position | undefined;
  // The slice being read: [sliceStart, upper); fixed until it is exhausted.
  let sliceStart: number | undefined;

  async function nextBatch(): Promise<CsvSourceRow[] | undefined> {
    while (upper > window.start.getTime()) {
      sliceStart ??= Math.max(window.start.getTime(), upper - span);
      const slice = { from: new Date(sliceStart), to: new Date(upper) };
      const keyset = after ? sql`and (u.at, u.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
      const result = await executor.execute<CsvSourceRow>(sql`
        select to_char(u.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as exact_at, u.id, u.tenant_id,
               t.name as tenant_name, u.app, u.route, u.method, u.status, u.duration_ms, u.bytes, u.actor, u.api_key_id
          from api_usage u
          left join tenants t on t.id = u.tenant_id
         where ${rawWhere(slice, options.filters)} ${keyset}
         order by u.at desc, u.id desc
         limit ${batchSize}`);
      const rows = result.rows;
      const last = rows.at(-1);
      if (rows.length === batchSize && last) {
        // More in this slice: continue after the last row; the next slice will be narrower.
        if (!after) span = Math.max(MIN_SPAN_MS, span / 2);
        after = { at: last.exact_at, id: last.id };
        return rows;
      }
      upper = sliceStart;
      sliceStart = undefined;
      after = undefined;
      if (rows.length < batchSize / 4) span = Math.min(MAX_SPAN_MS, span * 2);
      if (rows.length > 0) return rows;
    }
    return undefined;
  }

  return streamCsv({
    columns: API_USAGE_CSV_COLUMNS,
    nextBatch: async () =>
      (await nextBatch())?.map((row) => [
        csvInstant(row.exact_at),
        row.tenant_id,
        row.tenant_name,
        row.app,
        row.route,
        row.method,
        row.status,
        row.duration_ms,
        row.bytes,
        row.actor,
        row.api_key_id,
        row.id,
      ]),
  });
}

/** `api-usage-YYYYMMDD.csv` for the day of the export (UTC). */
export function apiUsageCsvFilename(now: Date = new Date()): string {
  return `api-usage-${now.toISOString().slice(0, 10).replaceAll("-", "")}.csv`;
}
