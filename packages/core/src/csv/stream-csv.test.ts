import { describe, expect, it } from "vitest";
import { CSV_INCOMPLETE_MARKER, csvInstant, csvLines, streamCsv } from "./stream-csv";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("csvInstant", () => {
  it("writes PostgreSQL's microsecond instants in the millisecond ISO format Date cells use", () => {
    const fromDate = csvLines([[new Date("2025-06-15T10:20:00.123Z")]]).trim();
    expect(csvInstant("2025-06-15T10:20:00.123456Z")).toBe(fromDate);
    expect(csvInstant("2025-06-15T10:20:00Z")).toBe("2025-06-15T10:20:00.000Z");
    expect(csvInstant("2025-06-15T10:20:00.5Z")).toBe("2025-06-15T10:20:00.500Z");
  });
});

describe("streamCsv", () => {
  it("starts with a UTF-8 BOM and the header, then each batch, CRLF-terminated", async () => {
    const batches = [[["a,1", 'say "hi"']], [["line\nbreak", null]]];
    const bytes = await bytesOf(streamCsv({ columns: ["x", "y"], nextBatch: async () => batches.shift() }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe('x,y\r\n"a,1","say ""hi"""\r\n"line\nbreak",\r\n');
  });

  it("keeps would-be formulas as text and writes instants as ISO 8601 UTC", () => {
    expect(csvLines([["=SUM(A1)", "+1", "-2", "@x", new Date("2026-12-06T10:00:00Z"), { a: 1 }]])).toBe(
      `'=SUM(A1),'+1,'-2,'@x,2026-12-06T10:00:00.000Z,"{""a"":1}"\r\n`,
    );
  });

  it("ends the file with a marker line when a batch fails after the header went out", async () => {
    let calls = 0;
    const stream = streamCsv({
      columns: ["x"],
      nextBatch: async () => {
        calls++;
        if (calls === 1) return [["first"]];
        throw new Error("connection reset");
      },
    });
    const text = (await bytesOf(stream)).toString("utf8").slice(1);
    expect(text).toBe(`x\r\nfirst\r\n${CSV_INCOMPLETE_MARKER}\r\n`);
  });
});
