import type pg from "pg";
import type { APPS } from "../schema";
import { copyText } from "./copy";

export type ApiUsageRow = {
  id: string;
  tenantId: string | null;
  apiKeyId: string | null;
  actor: string | null;
  app: (typeof APPS)[number];
  route: string;
  method: string;
  status: number;
  bytes: number;
  durationMs: number;
  /** Epoch milliseconds. */
  at: number;
};

export const API_USAGE_COPY_COLUMNS = [
  "id",
  "tenant_id",
  "api_key_id",
  "actor",
  "app",
  "route",
  "method",
  "status",
  "bytes",
  "duration_ms",
  "at",
] as const;

const CHUNK_CHARS = 512 * 1024;

/** Route, method and actor strings never contain tabs, newlines or backslashes: no escaping needed. */
function* encodeApiUsage(rows: Iterable<ApiUsageRow>, counter: { rows: number }): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${row.id}\t${row.tenantId ?? "\\N"}\t${row.apiKeyId ?? "\\N"}\t${row.actor ?? "\\N"}\t${row.app}\t${row.route}\t${row.method}\t${row.status}\t${row.bytes}\t${row.durationMs}\t${new Date(row.at).toISOString()}\n`;
    counter.rows++;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

/**
 * Bulk ingest of raw API requests through COPY, streamed: rows are encoded as the source yields
 * them. The caller creates the daily partitions first (ensureApiUsagePartitions). Returns the row count.
 */
export async function ingestApiUsage(client: pg.ClientBase, rows: Iterable<ApiUsageRow>): Promise<number> {
  const counter = { rows: 0 };
  await copyText(client, { table: "api_usage", columns: API_USAGE_COPY_COLUMNS }, encodeApiUsage(rows, counter));
  return counter.rows;
}
