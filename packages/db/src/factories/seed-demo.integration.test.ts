import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../client";
import { seedDemo } from "./demo/seed-demo";
import { seedTestTenant } from "./seed-test-tenant";

const NOW = new Date(Date.UTC(2025, 5, 15));
const OPTIONS = { tenants: 12, months: 3, seed: 7, now: NOW, apiUsageRows: 20_000, password: "demo-password-1" };

// Every table the demo writes, with the columns that are not random by design (password hashes are salted).
const CHECKED_TABLES = [
  "organizations",
  "users",
  "staff_members",
  "tenants",
  "memberships",
  "subscriptions",
  "subscription_events",
  "invoices",
  "invoice_lines",
  "payments",
  "leads",
  "attributions",
  "lead_disputes",
  "lead_reclassifications",
  "feature_usage",
  "incidents",
  "incident_events",
  "nps_responses",
  "playbook_runs",
  "tasks",
  "notes",
  "activities",
  "api_usage",
] as const;

/** Row count and an order-independent checksum of every demo table. */
async function fingerprint(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of CHECKED_TABLES) {
    const rows = await db.execute<{ n: number; sum: string | null }>(
      sql.raw(`select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as sum from ${table} t`),
    );
    result[table] = `${rows.rows[0]?.n}:${rows.rows[0]?.sum}`;
  }
  const credentials = await db.execute<{ n: number; sum: string | null }>(
    sql`select count(*)::int as n, md5(string_agg(id || account_id || user_id, '|' order by id)) as sum from accounts`,
  );
  result.accounts = `${credentials.rows[0]?.n}:${credentials.rows[0]?.sum}`;
  return result;
}

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const rows = await db.execute<{ n: number }>(query);
  return Number(rows.rows[0]?.n ?? 0);
}

describe("seedDemo", () => {
  it("is deterministic: the same seed and anchor give the same rows, and a re-run replaces the demo data", async () => {
    const test = await seedTestTenant(db);
    const first = await seedDemo(OPTIONS);
    const before = await fingerprint();
    const second = await seedDemo(OPTIONS);
    const after = await fingerprint();

    expect(second.removed.tenants).toBe(12);
    expect(second.rows).toEqual(first.rows);
    expect(after).toEqual(before);
    // The requested rows, plus the bursts of the few tenants that reach their rate limit.
    expect(first.rows.api_usage).toBeGreaterThanOrEqual(20_000);
    // Whatever was not demo data survives a re-run.
    expect(await scalar(sql`select count(*)::int as n from tenants where id = ${test.tenantId}`)).toBe(1);
    expect(await scalar(sql`select count(*)::int as n from tenants where slug like 'demo-%'`)).toBe(12);

    const other = await seedDemo({ ...OPTIONS, seed: 8 });
    expect(await fingerprint()).not.toEqual(after);
    expect(other.tenants).toBe(12);
  });

  it("fills every table with a believable, consistent history", async () => {
    // The onboarding templates live in core (scripts/seed-demo.ts writes them first); two steps do here.
    const sections = JSON.stringify([
      {
        key: "profile",
        title: "Company Profile",
        steps: [
          { key: "company_details", title: "Company details", required: true, weight: 3, fields: {} },
          { key: "go_live", title: "Go-live confirmation", required: true, weight: 1, fields: {} },
        ],
      },
    ]);
    await db.execute(sql`insert into onboarding_templates (trade, version, sections)
      select trade, 1, ${sections}::jsonb from unnest(array['plumbing', 'electrical', 'hvac']) as trade`);
    const result = await seedDemo({ ...OPTIONS, tenants: 40, months: 6 });
    for (const [table, rows] of Object.entries(result.rows)) expect(rows, table).toBeGreaterThan(0);
    const roles = await db.execute<{ role: string; email: string }>(
      sql`select s.role, u.email from staff_members s join users u on u.id = s.user_id order by u.email`,
    );
    expect(new Set(roles.rows.map((row) => row.role))).toEqual(
      new Set(["admin", "operations", "billing", "success", "support", "viewer"]),
    );
    expect(roles.rows.map((row) => row.email)).toContain("admin@staff.demo");

    // Each subscription's MRR is where its ledger ends.
    expect(
      await scalar(sql`
        select count(*)::int as n from subscriptions s
        join lateral (select mrr_after_cents from subscription_events e where e.subscription_id = s.id
                      order by effective_at desc, id desc limit 1) last on true
        where s.status in ('active', 'past_due') and s.mrr_cents <> last.mrr_after_cents`),
    ).toBe(0);
    expect(await scalar(sql`select count(distinct type)::int as n from subscription_events`)).toBeGreaterThanOrEqual(3);
    // Invoice totals are the sum of their lines; lead lines point at billable leads that point back.
    expect(
      await scalar(sql`
        select count(*)::int as n from invoices i
        where i.total_cents <> (select coalesce(sum(amount_cents), 0) from invoice_lines l where l.invoice_id = i.id)`),
    ).toBe(0);
    expect(
      await scalar(sql`
        select count(*)::int as n from invoice_lines l join leads d on d.id = l.lead_id
        where d.invoice_line_id <> l.id or d.billing_status <> 'billable'`),
    ).toBe(0);
    expect(await scalar(sql`select count(*)::int as n from invoices where status = 'paid'`)).toBeGreaterThan(0);
    expect(await scalar(sql`select count(*)::int as n from payments where status = 'failed'`)).toBeGreaterThan(0);
    expect(await scalar(sql`select count(distinct status)::int as n from lead_disputes`)).toBe(3);
    expect(await scalar(sql`select count(distinct onboarding_status)::int as n from tenants`)).toBe(3);
    // One onboarding truth: a tenant's status is its checklist's ("not_started" without one), completed
    // checklists have a go-live, and no checklist starts before its tenant signed up or in the future.
    expect(
      await scalar(sql`
        select count(*)::int as n from tenants t left join tenant_onboarding o on o.tenant_id = t.id
        where t.onboarding_status <> coalesce(o.status, 'not_started')`),
    ).toBe(0);
    expect(
      await scalar(sql`select count(*)::int as n from tenant_onboarding
        where (status = 'completed') <> (go_live_at is not null) or started_at < created_at or started_at > ${NOW}
           or (completed_at is not null and completed_at < started_at)`),
    ).toBe(0);
    // API usage: mostly 2xx with some 4xx and 5xx (429s only at the limit: seed-demo-realism), busier on weekdays.
    const shares = await db.execute<{ server: number; client: number; limited: number }>(sql`
      select avg((status >= 500)::int)::float as server, avg((status between 400 and 499 and status <> 429)::int)::float as client,
             avg((status = 429)::int)::float as limited from api_usage`);
    const share = shares.rows[0];
    expect(share?.server).toBeGreaterThan(0.005);
    expect(share?.server).toBeLessThan(0.05);
    expect(share?.client).toBeGreaterThan(0.01);
    expect(share?.limited).toBeLessThan(0.05);
    const weekly = await db.execute<{ weekday: number; weekend: number }>(sql`
      select avg(n) filter (where dow between 1 and 5)::float as weekday, avg(n) filter (where dow in (0, 6))::float as weekend
      from (select extract(dow from at) as dow, date_trunc('day', at) as day, count(*) as n from api_usage group by 1, 2) d`);
    expect(Number(weekly.rows[0]?.weekday)).toBeGreaterThan(Number(weekly.rows[0]?.weekend) * 1.5);
  });
});
