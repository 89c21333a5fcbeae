import { db } from "@pp/db";
import { createTenant, ensureReferenceData } from "@pp/db/factories";
import { auditEvents } from "@pp/db/schema";
import { eq, sql } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { type TAuditFilters, ZAuditFilters } from "./audit-filters";
import { getAuditEventOrThrow } from "./get-audit-event-or-throw";
import { listAuditEvents } from "./list-audit-events";
import { recordAuditEvent } from "./record-audit-event";
import { AUDIT_CSV_COLUMNS, auditCsvFilename, streamAuditEventsCsv } from "./stream-audit-events-csv";

type NewAuditEvent = typeof auditEvents.$inferInsert;

const staff = (email: string) => ({
  kind: "staff" as const,
  userId: uuidv7(),
  email,
  name: email,
  role: "admin" as const,
  sessionId: uuidv7(),
});

let acme: { id: string; name: string };
let zenith: { id: string; name: string };

async function insertEvent(values: Partial<NewAuditEvent> & { action: string }): Promise<string> {
  const [row] = await db
    .insert(auditEvents)
    .values({ actorType: "system", actorLabel: "fixture", ...values })
    .returning({ id: auditEvents.id });
  if (!row) throw new Error("no row");
  return row.id;
}

async function listAll(filters: TAuditFilters, limit = 100): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const result = await listAuditEvents({ ...filters, cursor, limit });
    ids.push(...result.data.map((row) => row.id));
    if (!result.nextCursor) return ids;
    cursor = result.nextCursor;
  }
  throw new Error("pagination never ended");
}

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<{ text: string; chunks: number }> {
  const decoder = new TextDecoder();
  let text = "";
  let chunks = 0;
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    chunks++;
    text += decoder.decode(read.value, { stream: true });
  }
  return { text, chunks };
}

/** A strict RFC 4180 reader, so the test checks the quoting rather than trusting it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[index + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      index++;
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) throw new Error(`CSV does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return rows;
}

beforeAll(async () => {
  await ensureReferenceData(db);
  acme = await createTenant(db, { name: "Acme Plumbing" });
  zenith = await createTenant(db, { name: "Zenith HVAC" });
});

describe("listAuditEvents filters", () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ids.invite = await insertEvent({
      action: "team.member_invited",
      actorType: "user",
      actorLabel: "Owner@Acme.test",
      tenantId: acme.id,
      targetType: "tenant_invitation",
      targetId: "inv-1",
      at: new Date("2026-03-01T10:00:00Z"),
    });
    ids.role = await insertEvent({
      action: "team.role_changed",
      actorType: "user",
      actorLabel: "owner@acme.test",
      tenantId: acme.id,
      targetType: "membership",
      targetId: "m-1",
      at: new Date("2026-03-02T23:59:59Z"),
    });
    ids.zenith = await insertEvent({
      action: "team.member_removed",
      actorType: "user",
      actorLabel: "boss@zenith.test",
      tenantId: zenith.id,
      targetType: "membership",
      targetId: "m-2",
      at: new Date("2026-03-03T00:00:00Z"),
    });
    ids.staff = await insertEvent({
      action: "staff.invited",
      actorType: "staff",
      actorLabel: "admin@provider.test",
      targetType: "staff_member",
      targetId: "s-1",
      at: new Date("2026-03-04T12:00:00Z"),
    });
    // `teams.` must not match the prefix `team.`, and `_` in a prefix is literal.
    ids.lookalike = await insertEvent({
      action: "teamx.role_changed",
      actorLabel: "nightly job",
      at: new Date("2026-03-05T00:00:00Z"),
    });
  });

  const within = async (filters: TAuditFilters) => {
    const all = new Set(Object.values(ids));
    return (await listAll(filters)).filter((id) => all.has(id));
  };

  it("lists newest first with the tenant's name", async () => {
    const result = await listAuditEvents({ from: "2026-03-01", to: "2026-03-31" });
    expect(result.data.map((row) => row.id)).toEqual([ids.lookalike, ids.staff, ids.zenith, ids.role, ids.invite]);
    expect(result.data.find((row) => row.id === ids.invite)?.tenantName).toBe("Acme Plumbing");
    expect(result.data.find((row) => row.id === ids.staff)?.tenantName).toBeNull();
  });

  it("narrows by actor label (contains, any case)", async () => {
    expect(await within({ actor: "ACME" })).toEqual([ids.role, ids.invite]);
    expect(await within({ actor: "100%" })).toEqual([]);
  });

  it("narrows by tenant", async () => {
    expect(await within({ tenantId: zenith.id })).toEqual([ids.zenith]);
    expect(await within({ tenantId: uuidv7() })).toEqual([]);
  });

  it("narrows by any part of the action, matching `_` literally and never `teamx.` for `team.`", async () => {
    expect(await within({ action: "team." })).toEqual([ids.zenith, ids.role, ids.invite]);
    expect(await within({ action: "team.role_changed" })).toEqual([ids.role]);
    expect(await within({ action: "team.member_" })).toEqual([ids.zenith, ids.invite]);
    expect(await within({ action: "staff" })).toEqual([ids.staff]);
    // The middle or end of a word: "invited" finds team and staff invitations alike.
    expect(await within({ action: "invited" })).toEqual([ids.staff, ids.invite]);
    expect(await within({ action: "role_changed" })).toEqual([ids.lookalike, ids.role]);
    expect(await within({ action: "ole_chang" })).toEqual([ids.lookalike, ids.role]);
    expect(await within({ action: "m_r" })).toEqual([]);
  });

  it("narrows by target type and id", async () => {
    expect(await within({ targetType: "membership" })).toEqual([ids.zenith, ids.role]);
    expect(await within({ targetType: "membership", targetId: "m-1" })).toEqual([ids.role]);
  });

  it("narrows by day range, both days inclusive (UTC), or by exact instants", async () => {
    expect(await within({ from: "2026-03-02", to: "2026-03-03" })).toEqual([ids.zenith, ids.role]);
    expect(await within({ to: "2026-03-01" })).toEqual([ids.invite]);
    expect(await within({ from: "2026-03-04" })).toEqual([ids.lookalike, ids.staff]);
    expect(await within({ from: "2026-03-02T23:59:59Z", to: "2026-03-03T00:00:00Z" })).toEqual([ids.zenith, ids.role]);
    expect(await within({ from: "2026-03-10", to: "2026-03-01" })).toEqual([]);
  });

  it("combines filters (all must hold)", async () => {
    expect(await within({ tenantId: acme.id, action: "team.member_", actor: "owner" })).toEqual([ids.invite]);
  });

  it("parses URL filters: empty means no filter, nonsense is refused with the field named", () => {
    expect(ZAuditFilters.parse({ actor: "", tenantId: "", action: "Team." })).toEqual({ action: "team." });
    const bad = ZAuditFilters.safeParse({ action: "team'; drop", from: "yesterday", tenantId: "acme" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((issue) => issue.path[0]).sort()).toEqual(["action", "from", "tenantId"]);
  });
});

describe("listAuditEvents pagination", () => {
  it("walks every row exactly once, even when many share one timestamp", async () => {
    const tenant = await createTenant(db, { name: "Paged Co" });
    // One transaction gives every row the same `at` (now()), so only the id breaks the tie.
    await db.transaction(async (tx) => {
      for (let index = 0; index < 23; index++) {
        await recordAuditEvent(
          {
            actor: { kind: "system", label: "pager" },
            action: "paging.tested",
            tenantId: tenant.id,
            metadata: { index },
          },
          tx,
        );
      }
    });
    for (let index = 0; index < 4; index++) {
      await insertEvent({ action: "paging.tested", tenantId: tenant.id, at: new Date(Date.now() - index * 1000) });
    }
    const expected = await db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, tenant.id))
      .orderBy(sql`${auditEvents.at} desc, ${auditEvents.id} desc`);
    for (const limit of [1, 4, 10, 27, 100]) {
      const seen = await listAll({ tenantId: tenant.id }, limit);
      expect(seen).toEqual(expected.map((row) => row.id));
      expect(new Set(seen).size).toBe(27);
    }
  });

  it("refuses a cursor it did not make", async () => {
    const error = await listAuditEvents({ cursor: "not-a-cursor" }).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe("validation_failed");
  });
});

describe("getAuditEventOrThrow", () => {
  it("returns the event with before/after (secrets redacted) and metadata", async () => {
    const actor = staff("admin@provider.test");
    await recordAuditEvent({
      actor,
      action: "tenant.profile_updated",
      tenantId: acme.id,
      target: { type: "tenant", id: acme.id },
      before: { name: "Acme", apiKey: "sk_live_123" },
      after: { name: "Acme Plumbing", apiKey: "sk_live_456" },
      metadata: { changed: ["name"] },
      context: { requestId: "req-detail", ip: "203.0.113.9", userAgent: "Vitest" },
    });
    const [listed] = (await listAuditEvents({ targetId: acme.id, action: "tenant.profile_updated" })).data;
    if (!listed) throw new Error("event not listed");
    const event = await getAuditEventOrThrow({ id: listed.id });
    expect(event).toMatchObject({
      actorType: "staff",
      actorId: actor.userId,
      actorLabel: "admin@provider.test",
      tenantName: "Acme Plumbing",
      requestId: "req-detail",
      ip: "203.0.113.9",
      userAgent: "Vitest",
      before: { name: "Acme", apiKey: "[redacted]" },
      after: { name: "Acme Plumbing", apiKey: "[redacted]" },
      metadata: { changed: ["name"] },
    });
  });

  it("is a 404 for an unknown or malformed id", async () => {
    for (const id of [uuidv7(), "nope", ""]) {
      const error = await getAuditEventOrThrow({ id }).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe("not_found");
    }
  });
});

describe("streamAuditEventsCsv", () => {
  it("writes a header row and escapes commas, quotes, line breaks and formulas", async () => {
    const tenant = await createTenant(db, { name: 'Comma, "Quote" & Co' });
    await recordAuditEvent({
      actor: { kind: "system", label: 'line one\nline two, with "quotes"' },
      action: "csv.escaped",
      tenantId: tenant.id,
      target: { type: "note", id: '=HYPERLINK("http://evil")' },
      after: { text: 'a,b "c"\r\nd' },
    });
    const { text } = await readCsv(await streamAuditEventsCsv({ filters: { tenantId: tenant.id } }));
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const row = Object.fromEntries(AUDIT_CSV_COLUMNS.map((column, index) => [column, rows[1]?.[index]]));
    expect(row.actor_label).toBe('line one\nline two, with "quotes"');
    expect(row.tenant_name).toBe('Comma, "Quote" & Co');
    expect(row.action).toBe("csv.escaped");
    expect(row.target_id).toBe('\'=HYPERLINK("http://evil")');
    expect(JSON.parse(row.after ?? "")).toEqual({ text: 'a,b "c"\r\nd' });
    expect(row.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("respects the filters exactly like the list", async () => {
    const filters: TAuditFilters = { action: "team.", tenantId: acme.id };
    const { text } = await readCsv(await streamAuditEventsCsv({ filters }));
    const csvIds = parseCsv(text)
      .slice(1)
      .map((row) => row[0]);
    expect(csvIds).toEqual(await listAll(filters));
    expect(csvIds.length).toBeGreaterThan(0);
  });

  it("streams more than one batch of 500 without losing or repeating a row", async () => {
    const tenant = await createTenant(db, { name: "Busy Co" });
    await db.insert(auditEvents).values(
      Array.from({ length: 1203 }, (_, index) => ({
        actorType: "system" as const,
        actorLabel: "bulk",
        tenantId: tenant.id,
        action: "bulk.loaded",
        // Pairs of rows share an instant, so batch edges fall inside ties.
        at: new Date(Date.UTC(2026, 0, 1) + Math.floor(index / 2) * 1000),
        metadata: { index },
      })),
    );
    const { text, chunks } = await readCsv(await streamAuditEventsCsv({ filters: { tenantId: tenant.id } }));
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((row) => row[0])).size).toBe(1203);
    // Header, then three batches (500, 500, 203).
    expect(chunks).toBe(4);
    // Newest first across batch edges: the last-inserted instant leads, times never go up.
    expect(JSON.parse(rows[0]?.[15] ?? "{}")).toEqual({ index: 1202 });
    const times = rows.map((row) => Date.parse(row[1] ?? ""));
    expect(times.every((time, index) => index === 0 || time <= (times[index - 1] ?? 0))).toBe(true);
  });

  it("names the file after the day", () => {
    expect(auditCsvFilename(new Date("2026-11-27T23:00:00Z"))).toBe("audit-events-20261127.csv");
  });
});

describe("the trail is append-only, even for the app's own database handle", () => {
  it("refuses UPDATE, DELETE and TRUNCATE and leaves the row as it was", async () => {
    const id = await insertEvent({ action: "tamper.target", actorLabel: "original", tenantId: acme.id });
    await expect(db.update(auditEvents).set({ actorLabel: "forged" }).where(eq(auditEvents.id, id))).rejects.toThrow();
    await expect(db.delete(auditEvents).where(eq(auditEvents.id, id))).rejects.toThrow();
    await expect(db.execute(sql`truncate table audit_events`)).rejects.toThrow();
    const event = await getAuditEventOrThrow({ id });
    expect(event.actorLabel).toBe("original");
    expect((await listAll({ action: "tamper." })).includes(id)).toBe(true);
  });

  it("the list and export never show rows of another filter", async () => {
    const { text } = await readCsv(await streamAuditEventsCsv({ filters: { tenantId: zenith.id } }));
    const tenantIds = new Set(
      parseCsv(text)
        .slice(1)
        .map((row) => row[5]),
    );
    expect([...tenantIds]).toEqual([zenith.id]);
    const listed = await listAuditEvents({ tenantId: acme.id, limit: 100 });
    expect(listed.data.every((row) => row.tenantId === acme.id)).toBe(true);
  });
});
