import { createConnection, db } from "@pp/db";
import { createTenant } from "@pp/db/factories";
import { auditEvents } from "@pp/db/schema";
import { env } from "@pp/env";
import { describe, expect, it } from "vitest";
import { CSV_BOM, CSV_INCOMPLETE_MARKER } from "../csv/stream-csv";
import { isAppError } from "../errors";
import { streamAuditEventsCsv } from "./stream-audit-events-csv";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const text = await new Response(stream).text();
  return text
    .replace(CSV_BOM, "")
    .split("\r\n")
    .filter((line) => line !== "");
}

async function tenantWithEvents(count: number): Promise<string> {
  const tenant = await createTenant(db, {});
  await db.insert(auditEvents).values(
    Array.from({ length: count }, (_, index) => ({
      actorType: "system" as const,
      actorLabel: "export test",
      tenantId: tenant.id,
      action: "export.tested",
      at: new Date(Date.UTC(2026, 10, 1) + index * 1000),
    })),
  );
  return tenant.id;
}

describe("the audit CSV export at the edges of time", () => {
  it("exports up to 9999-12-31 (the end of time a filter can name) without dropping the connection", async () => {
    const tenantId = await tenantWithEvents(3);
    const lines = await readAll(await streamAuditEventsCsv({ filters: { tenantId, to: "9999-12-31" } }));
    // The header and the three rows: nothing after 9999 is excluded, nothing is lost.
    expect(lines).toHaveLength(4);
    expect(lines[0]?.startsWith("id,at,")).toBe(true);
  });

  it("refuses a day PostgreSQL cannot hold before a single byte is streamed", async () => {
    const refused = await streamAuditEventsCsv({ filters: { to: "0000-01-01" } }).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.status).toBe(400);
    expect(isAppError(refused) && refused.message).toBe('Invalid field "to": must be between the years 1 and 9999');
  });

  it("ends the file with a marker line when a later batch fails, keeping the rows already sent", async () => {
    const tenantId = await tenantWithEvents(5);
    const own = createConnection(env().DATABASE_URL ?? "", 1);
    const stream = await streamAuditEventsCsv({ filters: { tenantId }, batchSize: 2 }, own.db);
    const reader = stream.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    // The database goes away between batches (a failover, a killed connection).
    await own.pool.end();
    let rest = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      rest += new TextDecoder().decode(read.value);
    }
    const lines = `${first}${rest}`
      .replace(CSV_BOM, "")
      .split("\r\n")
      .filter((line) => line !== "");
    // Header, the first batch of 2, then the marker — never a silently short file.
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe(CSV_INCOMPLETE_MARKER);
  });
});
