import { once } from "node:events";
import { finished } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** A value as COPY's text format writes it; objects become JSON (jsonb columns). */
export type CopyValue = string | number | boolean | Date | null | undefined | object;

const CHUNK_CHARS = 256 * 1024;
const NEEDS_ESCAPE = /[\\\t\n\r]/;

function encodeValue(value: CopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return NEEDS_ESCAPE.test(value) ? escapeText(value) : value;
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  const json = JSON.stringify(value);
  return NEEDS_ESCAPE.test(json) ? escapeText(json) : json;
}

function escapeText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}

/** One COPY text-format line (tab-separated, `\N` for null, newline-terminated). */
export function encodeCopyRow(values: readonly CopyValue[]): string {
  const fields = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) fields[i] = encodeValue(values[i]);
  return `${fields.join("\t")}\n`;
}

/**
 * Rows for one table, encoded as they arrive and kept as large byte chunks until copied. Lines
 * are joined per chunk and moved off the JS heap: millions of small concatenated strings would
 * otherwise keep the garbage collector busy for most of a demo seed.
 */
export class CopyBuffer {
  rows = 0;
  private chunks: Buffer[] = [];
  private lines: string[] = [];
  private chars = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  add(values: readonly CopyValue[]): void {
    const line = encodeCopyRow(values);
    this.lines.push(line);
    this.chars += line.length;
    this.rows++;
    if (this.chars >= CHUNK_CHARS) this.seal();
  }

  /** The buffered bytes, emptying the buffer (its row count keeps growing across takes). */
  take(): Buffer[] {
    this.seal();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private seal(): void {
    if (this.lines.length === 0) return;
    this.chunks.push(Buffer.from(this.lines.join("")));
    this.lines = [];
    this.chars = 0;
  }
}

/**
 * Streams text-format chunks into `COPY table (columns) FROM STDIN`, waiting whenever the socket
 * is full so memory stays bounded however many rows the source yields.
 */
export async function copyText(
  client: pg.ClientBase,
  target: { table: string; columns: readonly string[] },
  chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
): Promise<void> {
  await copyStream(client, target, "text", chunks);
}

/** Like copyText, for chunks already in COPY's binary format (header and trailer included). */
export async function copyBinary(
  client: pg.ClientBase,
  target: { table: string; columns: readonly string[] },
  chunks: Iterable<Buffer> | AsyncIterable<Buffer>,
): Promise<void> {
  await copyStream(client, target, "binary", chunks);
}

async function copyStream(
  client: pg.ClientBase,
  target: { table: string; columns: readonly string[] },
  format: "text" | "binary",
  chunks: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
): Promise<void> {
  const columns = target.columns.map((column) => `"${column}"`).join(", ");
  const stream = client.query(copyFrom(`copy ${target.table} (${columns}) from stdin with (format ${format})`));
  const done = finished(stream);
  // A server error ends the stream early; `done` carries it and must not go unhandled meanwhile.
  done.catch(() => {});
  for await (const chunk of chunks) {
    if (!stream.write(chunk)) await Promise.race([once(stream, "drain"), done]);
  }
  stream.end();
  await done;
}

/** Copies and empties a buffer. */
export async function copyBuffer(client: pg.ClientBase, buffer: CopyBuffer): Promise<void> {
  const chunks = buffer.take();
  if (chunks.length > 0) await copyText(client, buffer, chunks);
}
