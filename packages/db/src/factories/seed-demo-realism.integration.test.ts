import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../client";
import { seedDemo } from "./demo/seed-demo";

// A small demo (20 tenants × 12 months) checked for the things that made the big one look fake.
const NOW = new Date(Date.UTC(2025, 5, 1));
const OPTIONS = { tenants: 20, months: 12, seed: 3, now: NOW, apiUsageRows: 30_000, password: "demo-password-1" };

async function rows<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}
async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: number | string | null }>(query);
  return Number(row?.n ?? 0);
}

beforeAll(async () => {
  await seedDemo(OPTIONS);
}, 120_000);

describe("seed:demo looks like a business", () => {
  it("leads arrive through the day, never pinned a minute before a period end; decisions are not pinned to invoices", async () => {
    expect(await scalar(sql`select count(*) as n from leads`)).toBeGreaterThan(500);
    expect(
      await scalar(sql`select count(distinct extract(hour from received_at)) as n from leads`),
    ).toBeGreaterThanOrEqual(12);
    // No minute of the day holds more than 2% of the leads (a clamp would pile them up on one).
    expect(
      await scalar(sql`select max(n)::float / sum(n) as n from (
        select count(*) as n from leads group by extract(hour from received_at), extract(minute from received_at)) m`),
    ).toBeLessThan(0.02);
    expect(
      await scalar(sql`select count(*) as n from leads l join invoices i on i.tenant_id = l.tenant_id
        where l.received_at = i.period_end - interval '1 minute'`),
    ).toBe(0);
    expect(
      await scalar(sql`select count(*) as n from lead_disputes d join invoices i on i.tenant_id = d.tenant_id
        where d.decided_at = i.issued_at - interval '1 minute'`),
    ).toBe(0);
  });

  it("usage covers every month of the history: rollups before the raw window, raw rows in it, no gap or jump", async () => {
    const months = await rows<{ month: string; requests: number; tenants: number }>(sql`
      with usage as (
        select tenant_id, date_trunc('month', day) as month, sum(requests) as requests
        from api_usage_rollups_daily_tenants group by 1, 2
        union all
        select tenant_id, date_trunc('month', at), count(*) from api_usage where tenant_id is not null group by 1, 2
      ), first as (select date_trunc('month', min(created_at)) as month from tenants where slug like 'demo-%')
      select to_char(m, 'YYYY-MM') as month, coalesce(sum(u.requests), 0)::float as requests,
             count(distinct u.tenant_id)::int as tenants
      from first, generate_series(first.month + interval '1 month',
        date_trunc('month', ${NOW.toISOString()}::timestamptz) - interval '1 month', interval '1 month') m
      left join usage u on u.month = m group by m order by m`);
    expect(months.length).toBeGreaterThanOrEqual(9);
    for (const [index, month] of months.entries()) {
      expect(month.requests, month.month).toBeGreaterThan(0);
      const previous = months[index - 1];
      // Growth comes from sign-ups, not from a missing month: per active tenant, never 6× the month before.
      if (previous && previous.tenants >= 3) {
        expect(month.requests / month.tenants / (previous.requests / previous.tenants), month.month).toBeLessThan(6);
      }
    }
    // Every tenant that never left nor trialled has usage in every whole month since it signed up.
    const gaps = await scalar(sql`
      with steady as (
        select t.id, t.created_at from tenants t join subscriptions s on s.tenant_id = t.id
        where t.slug like 'demo-%' and s.trial_end is null and s.status in ('active', 'past_due')
          and not exists (select 1 from subscription_events e where e.tenant_id = t.id and e.type in ('churn', 'reactivation'))
      ), months as (
        select id, m from steady, generate_series(date_trunc('month', created_at) + interval '1 month',
          date_trunc('month', ${NOW.toISOString()}::timestamptz) - interval '1 month', interval '1 month') m
      )
      select count(*) as n from months where not exists (
        select 1 from api_usage_rollups_daily_tenants d where d.tenant_id = months.id and date_trunc('month', d.day) = months.m
      ) and not exists (
        select 1 from api_usage u where u.tenant_id = months.id and date_trunc('month', u.at) = months.m)`);
    expect(gaps).toBe(0);
  });

  it("429s only in minutes where a key reached its plan's limit", async () => {
    const limited = await scalar(sql`select count(*) as n from api_usage where status = 429`);
    const outside = await scalar(sql`
      with minutes as (
        select u.api_key_id, date_trunc('minute', u.at) as minute, count(*) filter (where u.status <> 429) as passed,
               count(*) filter (where u.status = 429) as refused
        from api_usage u group by 1, 2
      )
      select count(*) as n from minutes m
      left join api_keys k on k.id = m.api_key_id left join tenants t on t.id = k.tenant_id
      left join plans p on p.id = t.plan_id
      where m.refused > 0 and (m.api_key_id is null or m.passed < p.api_rate_limit_per_minute)`);
    expect(outside).toBe(0);
    expect(limited).toBeLessThan(0.01 * (await scalar(sql`select count(*) as n from api_usage`)));
  });

  it("incidents are mostly resolved in time; only recent ones are open; no breach a year old", async () => {
    const incidents = await scalar(sql`select count(*) as n from incidents`);
    expect(incidents).toBeGreaterThan(5);
    expect(
      await scalar(sql`select count(*) as n from incidents where resolved_at is null
        and opened_at < ${NOW.toISOString()}::timestamptz - interval '30 days'`),
    ).toBe(0);
    const late = await scalar(
      sql`select count(*) as n from incidents where coalesce(resolved_at, ${NOW.toISOString()}::timestamptz) > resolve_due_at`,
    );
    expect(late / incidents).toBeLessThan(0.4);
  });

  it("API keys that made requests exist, were created before their first use and are in the audit trail", async () => {
    expect(await scalar(sql`select count(*) as n from api_usage where api_key_id is not null`)).toBeGreaterThan(0);
    expect(
      await scalar(sql`select count(*) as n from api_usage u left join api_keys k on k.id = u.api_key_id
        where u.api_key_id is not null and (k.id is null or k.created_at > u.at or k.tenant_id <> u.tenant_id)`),
    ).toBe(0);
    expect(
      await scalar(sql`select count(*) as n from api_keys k where not exists (
        select 1 from audit_events a where a.action = 'api_key.created' and a.target_id = k.id::text and a.at = k.created_at)`),
    ).toBe(0);
    expect(
      await scalar(sql`select count(*) as n from api_keys k
        where k.last_used_at is distinct from (select max(at) from api_usage u where u.api_key_id = k.id)
          and exists (select 1 from api_usage u where u.api_key_id = k.id)`),
    ).toBe(0);
    // A re-run keeps the append-only audit trail and still succeeds (same ids, kept once).
    await seedDemo(OPTIONS);
    expect(
      await scalar(sql`select count(*) as n from (select id from audit_events group by id having count(*) > 1) d`),
    ).toBe(0);
  }, 120_000);
});
