import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "./client";
import { pgErrorOf } from "./errors";
import { auditEvents, organizations, plans, tenants } from "./schema";

/** The database's own message for a statement it refused. */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    return pgErrorOf(error)?.message ?? String(error);
  }
  throw new Error("the database accepted the statement");
}

describe("data model", () => {
  it("keeps audit events append-only in the database itself", async () => {
    const [event] = await db.insert(auditEvents).values({ actorType: "system", action: "test.created" }).returning();
    expect(await refusal(db.execute(sql`update audit_events set action = 'test.changed'`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from audit_events`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only/);
    const rows = await db.select().from(auditEvents);
    expect(rows).toEqual([expect.objectContaining({ id: event?.id, action: "test.created" })]);
  });

  it("refuses enum values and amounts the code does not know", async () => {
    const [org] = await db.insert(organizations).values({ name: "Acme" }).returning();
    const orgId = org?.id ?? "";
    expect(
      await refusal(
        db.execute(sql`insert into tenants (org_id, name, slug, trade) values (${orgId}, 'X', 'x', 'roofing')`),
      ),
    ).toMatch(/tenants_trade_check/);
    expect(await refusal(db.insert(plans).values({ code: "neg", name: "Negative", priceCents: -1 }))).toMatch(
      /plans_price_check/,
    );
    expect(
      await refusal(db.insert(tenants).values({ orgId, name: "Bad Slug", slug: "Bad Slug!", trade: "hvac" })),
    ).toMatch(/tenants_slug_format/);
  });

  it("partitions api_usage by day and creates partitions ahead", async () => {
    const created = await db.execute<{ n: number }>(sql`select ensure_api_usage_partitions(current_date + 20, 2) as n`);
    expect(created.rows[0]?.n).toBe(3);
    const parts = await db.execute<{ name: string }>(sql`
      select c.relname as name from pg_inherits i
      join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'api_usage' order by 1`);
    const names = parts.rows.map((row) => row.name);
    expect(names).toContain("api_usage_default");
    expect(names.filter((name) => /^api_usage_\d{8}$/.test(name)).length).toBeGreaterThanOrEqual(12);
    // Every partition's BRIN index on `at` (the new ones too) is summarised by autovacuum as it fills.
    const brin = await db.execute<{ name: string; options: string[] | null }>(sql`
      select c.relname as name, c.reloptions as options from pg_index x
      join pg_class c on c.oid = x.indexrelid join pg_am am on am.oid = c.relam
      join pg_inherits i on i.inhrelid = x.indrelid join pg_class p on p.oid = i.inhparent
      where p.relname = 'api_usage' and am.amname = 'brin'`);
    expect(brin.rows.length).toBe(names.length);
    for (const index of brin.rows) expect(index.options, index.name).toContain("autosummarize=on");
    await db.execute(
      sql`insert into api_usage (app, route, method, status, duration_ms) values ('tenant', '/api/v1/leads', 'GET', 200, 12)`,
    );
    const today = await db.execute<{ part: string }>(sql`select tableoid::regclass::text as part from api_usage`);
    expect(today.rows[0]?.part).toMatch(/^api_usage_\d{8}$/);
    const dropped = await db.execute<{ n: number }>(
      sql`select drop_api_usage_partitions_before(current_date + 21) as n`,
    );
    expect(dropped.rows[0]?.n).toBeGreaterThanOrEqual(10);
  });

  it("opens every app session with JIT off, however many the pool holds", async () => {
    const sessions = await Promise.all(
      [1, 2, 3].map(() =>
        db.transaction(async (tx) => {
          const [row] = (
            await tx.execute<{ jit: string; pid: number }>(
              sql`select current_setting('jit') as jit, pg_backend_pid() as pid, pg_sleep(0.05)`,
            )
          ).rows;
          return row;
        }),
      ),
    );
    expect(new Set(sessions.map((session) => session?.pid)).size).toBe(3);
    for (const session of sessions) expect(session?.jit).toBe("off");
  });
});
