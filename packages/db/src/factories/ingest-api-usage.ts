import type pg from "pg";
import type { APPS } from "../schema";
import { copyBinary } from "./copy";

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

const CHUNK_BYTES = 1 << 20;
/** Bytes a row needs besides its text fields. */
const FIXED_ROW_BYTES = 2 + 11 * 4 + 3 * 16 + 2 + 4 + 4 + 8;
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX_VALUE[digit.toString(16).charCodeAt(0)] = digit;
  HEX_VALUE[digit.toString(16).toUpperCase().charCodeAt(0)] = digit;
}

/** COPY BINARY writer for api_usage rows: PostgreSQL skips parsing text uuids and timestamps. */
class ApiUsageEncoder {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private offset = 0;

  constructor() {
    // Signature, flags, header extension length.
    this.buffer.write("PGCOPY\n\xff\r\n\0", 0, "latin1");
    this.buffer.writeInt32BE(0, 11);
    this.buffer.writeInt32BE(0, 15);
    this.offset = 19;
  }

  /** Whether the row fits into the current chunk; when not, take() the chunk first. */
  fits(row: ApiUsageRow): boolean {
    const text = (row.actor?.length ?? 0) + row.app.length + row.route.length + row.method.length;
    return this.offset + FIXED_ROW_BYTES + text * 3 <= this.buffer.length;
  }

  add(row: ApiUsageRow): void {
    this.offset = this.buffer.writeInt16BE(API_USAGE_COPY_COLUMNS.length, this.offset);
    this.uuid(row.id);
    this.uuid(row.tenantId);
    this.uuid(row.apiKeyId);
    this.text(row.actor);
    this.text(row.app);
    this.text(row.route);
    this.text(row.method);
    this.offset = this.buffer.writeInt32BE(2, this.offset);
    this.offset = this.buffer.writeInt16BE(row.status, this.offset);
    this.offset = this.buffer.writeInt32BE(4, this.offset);
    this.offset = this.buffer.writeInt32BE(row.bytes, this.offset);
    this.offset = this.buffer.writeInt32BE(4, this.offset);
    this.offset = this.buffer.writeInt32BE(row.durationMs, this.offset);
    // timestamptz: microseconds since 2000-01-01 UTC as a signed 64-bit integer.
    const micros = (row.at - POSTGRES_EPOCH_MS) * 1000;
    const high = Math.floor(micros / 4294967296);
    this.offset = this.buffer.writeInt32BE(8, this.offset);
    this.offset = this.buffer.writeInt32BE(high, this.offset);
    this.offset = this.buffer.writeUInt32BE(micros - high * 4294967296, this.offset);
  }

  /** The bytes written so far (with the end marker when `last`), starting a new chunk. */
  take(last = false): Buffer {
    if (last) this.offset = this.buffer.writeInt16BE(-1, this.offset);
    const chunk = this.buffer.subarray(0, this.offset);
    this.buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    this.offset = 0;
    return chunk;
  }

  private uuid(value: string | null): void {
    if (value === null) {
      this.offset = this.buffer.writeInt32BE(-1, this.offset);
      return;
    }
    this.offset = this.buffer.writeInt32BE(16, this.offset);
    let written = 0;
    for (let i = 0; i < value.length && written < 16; i++) {
      const high = HEX_VALUE[value.charCodeAt(i)] ?? -1;
      if (high < 0) continue;
      const low = HEX_VALUE[value.charCodeAt(++i)] ?? -1;
      if (low < 0) throw new Error(`not a UUID: ${value}`);
      this.buffer[this.offset + written++] = (high << 4) | low;
    }
    if (written !== 16) throw new Error(`not a UUID: ${value}`);
    this.offset += 16;
  }

  private text(value: string | null): void {
    if (value === null) {
      this.offset = this.buffer.writeInt32BE(-1, this.offset);
      return;
    }
    const length = this.buffer.write(value, this.offset + 4, "utf8");
    this.buffer.writeInt32BE(length, this.offset);
    this.offset += 4 + length;
  }
}

function* encodeApiUsage(rows: Iterable<ApiUsageRow>, counter: { rows: number }): Generator<Buffer> {
  const encoder = new ApiUsageEncoder();
  for (const row of rows) {
    if (!encoder.fits(row)) yield encoder.take();
    encoder.add(row);
    counter.rows++;
  }
  yield encoder.take(true);
}

/**
 * Bulk ingest of raw API requests: one streamed `COPY … FROM STDIN (FORMAT binary)`, encoded as
 * the source yields rows, so memory stays flat for any row count. The caller creates the daily
 * partitions first (ensureApiUsagePartitions). Returns the number of rows written.
 */
export async function ingestApiUsage(client: pg.ClientBase, rows: Iterable<ApiUsageRow>): Promise<number> {
  const counter = { rows: 0 };
  await copyBinary(client, { table: "api_usage", columns: API_USAGE_COPY_COLUMNS }, encodeApiUsage(rows, counter));
  return counter.rows;
}
