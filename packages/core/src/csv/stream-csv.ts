import { stringify } from "csv-stringify/sync";
import { rootLogger } from "../logger";

/** Spreadsheets read a UTF-8 BOM as "this file is UTF-8" (Excel otherwise guesses a legacy code page). */
export const CSV_BOM = "\uFEFF";

/** What the last line of a CSV says when the export failed after it started. */
export const CSV_INCOMPLETE_MARKER = "# EXPORT INCOMPLETE — an error stopped it here; export again or contact support";

// A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' so it stays text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell's text: instants as ISO 8601 UTC, objects as JSON, formulas defused. */
export function csvText(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * An instant PostgreSQL gave as text with microseconds (`…T10:20:00.123456Z`, exact for keyset
 * paging) in the one format every export writes, the same as a Date cell: ISO 8601 UTC with
 * milliseconds (`…T10:20:00.123Z`), so one parser reads every file.
 */
export function csvInstant(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!match) return text;
  return `${match[1]}.${(match[2] ?? "").padEnd(3, "0").slice(0, 3)}Z`;
}

/** Rows as RFC 4180 CSV lines (CRLF, quoted where needed) through csv-stringify, behind the formula guard. */
export function csvLines(rows: readonly (readonly unknown[])[]): string {
  return stringify(
    rows.map((row) => row.map(csvText)),
    // Quote any line break, not only CRLF, so strict RFC 4180 readers keep the row whole.
    { record_delimiter: "windows", quoted_match: /[\r\n]/ },
  );
}

export type CsvBatchSource = {
  columns: readonly string[];
  /** The next rows, read as the client consumes the stream; undefined when there are no more. */
  nextBatch: () => Promise<readonly (readonly unknown[])[] | undefined>;
};

/**
 * A CSV export streamed batch by batch: BOM and header first, then each batch as the client reads,
 * so memory stays flat however many rows match. The response has already started when a batch
 * fails, so the file ends with CSV_INCOMPLETE_MARKER instead of silently stopping short.
 */
export function streamCsv(source: CsvBatchSource): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvLines([source.columns])));
        return;
      }
      try {
        const rows = await source.nextBatch();
        if (rows === undefined) {
          controller.close();
          return;
        }
        if (rows.length) controller.enqueue(encoder.encode(csvLines(rows)));
      } catch (error) {
        rootLogger().error({ err: error }, "CSV export failed mid-stream");
        controller.enqueue(encoder.encode(`${CSV_INCOMPLETE_MARKER}\r\n`));
        controller.close();
      }
    },
  });
}
