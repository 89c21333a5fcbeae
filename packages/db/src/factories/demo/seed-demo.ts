import { hashPassword } from "better-auth/crypto";
import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import { getPool } from "../../client";
import * as schema from "../../schema";
import type { Trade } from "../catalog";
import { addMonths, DAY_MS, generatePassword, isoDay, startOfUtcDay } from "../ids";
import { ingestApiUsage } from "../ingest-api-usage";
import { Random } from "../random";
import { ensureReferenceData } from "../reference-data";
import type { DemoContext, DemoStaff, TenantProfile } from "./context";
import { generateApiUsage } from "./generate-api-usage";
import { removeDemoData } from "./remove-demo-data";
import { DEMO_EMAIL_TLD, simulateTenant } from "./simulate-tenant";
import { copyDemoBuffers, createDemoBuffers, DEMO_TABLES } from "./tables";
import { writeUsageHistory } from "./usage-history";

export type SeedDemoOptions = {
  /** Log every COPY batch (slow-seed diagnosis). */
  trace?: boolean;
  /** Default: the process pool (DATABASE_URL). The whole seed runs on one connection, in one transaction. */
  pool?: pg.Pool;
  tenants?: number;
  months?: number;
  seed?: number;
  /** The "today" history ends at (default: midnight UTC today). Same seed + same now = same data. */
  now?: Date;
  /** Raw api_usage rows over the last `apiUsageDays` days (default 2,500 per tenant). */
  apiUsageRows?: number;
  apiUsageDays?: number;
  /** Feature usage is generated for this many recent days (default: the whole history). */
  featureUsageDays?: number;
  /** Shared password of every demo user (default: a new random one, returned). */
  password?: string;
  /** Tenants simulated before their rows are copied: bounds memory (default 250). */
  batchSize?: number;
  log?: (line: string) => void;
};

export type SeedDemoResult = {
  tenants: number;
  removed: { tenants: number; users: number };
  rows: Record<string, number>;
  apiUsage: { rows: number; seconds: number; rowsPerSecond: number };
  seconds: number;
  password: string;
  staffEmails: string[];
  now: Date;
};

/** ~80 requests a tenant a day over 30 days: a small contractor's dispatch app, not a busy API. */
export const DEFAULT_API_USAGE_ROWS_PER_TENANT = 2_500;

const STAFF_ACCOUNTS = [
  ["admin", "admin"],
  ["operations", "operations"],
  ["billing", "billing"],
  ["success", "success"],
  ["support", "support"],
  ["viewer", "viewer"],
  ["success", "success2"],
  ["success", "success3"],
] as const;

/**
 * A realistic, deterministic demo data set: `tenants` tenants signing up over `months` months
 * with their full history, plus staff users of every role. Previous demo data (slugs `demo-…`,
 * emails `….demo`) is deleted first in the same transaction, so a re-run replaces it.
 */
export async function seedDemo(options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const tenants = options.tenants ?? 200;
  const months = options.months ?? 24;
  const now = (options.now ?? startOfUtcDay(new Date())).getTime();
  const apiUsageDays = Math.max(1, Math.min(options.apiUsageDays ?? 30, Math.round((months * 365) / 12)));
  const password = options.password ?? generatePassword();
  const log = (line: string) => options.log?.(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`);
  const root = new Random(options.seed ?? 1);
  const client = await (options.pool ?? getPool()).connect();
  try {
    await client.query("begin");
    const removed = await removeDemoData(client);
    if (removed.tenants > 0) log(`removed ${removed.tenants} previous demo tenants and ${removed.users} demo users`);
    const context: DemoContext = {
      now,
      start: addMonths(new Date(now), -months).getTime(),
      reference: await ensureReferenceData(drizzle({ client, schema, casing: "snake_case" })),
      templates: await loadOnboardingTemplates(client),
      staff: { admin: "", operations: "", billing: "", support: "", viewer: "", success: [] },
      buffers: createDemoBuffers(),
      invoiceNumbers: await loadInvoiceNumbers(client),
      passwordHash: await hashPassword(password),
      featureUsageFrom:
        options.featureUsageDays === undefined
          ? addMonths(new Date(now), -months).getTime()
          : now - options.featureUsageDays * DAY_MS,
    };
    log("context ready");
    const staffEmails = writeStaff(context, root.fork("staff"));
    const profiles: TenantProfile[] = [];
    const batchSize = options.batchSize ?? 250;
    for (let index = 0; index < tenants; index++) {
      profiles.push(simulateTenant(context, root.fork(`tenant:${index}`), index));
      if ((index + 1) % batchSize === 0 || index === tenants - 1) {
        log(`tenants ${index + 1}/${tenants} simulated`);
        await copyDemoBuffers(client, context.buffers, options.trace ? log : undefined);
        log(`tenants ${index + 1}/${tenants} copied`);
      }
    }
    if (tenants === 0) await copyDemoBuffers(client, context.buffers);
    const apiUsageFrom = now - apiUsageDays * DAY_MS;
    const apiUsageTotal = options.apiUsageRows ?? tenants * DEFAULT_API_USAGE_ROWS_PER_TENANT;
    const lastUse = new Map<string, number>();
    const apiUsage = await seedApiUsage(
      client,
      {
        random: root.fork("api-usage"),
        tenants: profiles,
        staffIds: [context.staff.admin, context.staff.operations, context.staff.support, ...context.staff.success],
        from: apiUsageFrom,
        days: apiUsageDays,
        total: apiUsageTotal,
      },
      lastUse,
    );
    log(`api_usage ${apiUsage.rows} rows at ${apiUsage.rowsPerSecond} rows/s`);
    // A key's last use is its latest request (older history has no per-key detail: a key unused lately keeps none).
    await client.query(
      `update api_keys k set last_used_at = u.at from unnest($1::uuid[], $2::timestamptz[]) as u(id, at) where k.id = u.id`,
      [[...lastUse.keys()], [...lastUse.values()].map((at) => new Date(at).toISOString())],
    );
    const historyRows = await writeUsageHistory(client, {
      random: root.fork("usage-history"),
      tenants: profiles,
      rawFrom: apiUsageFrom,
      rawDays: apiUsageDays,
      rawTotal: apiUsageTotal,
      from: context.start,
    });
    log(`api_usage_rollups history: ${historyRows} hourly rows before the raw window`);
    await client.query("commit");
    const rows: Record<string, number> = {};
    for (const table of DEMO_TABLES) rows[table] = context.buffers[table].rows;
    rows.api_usage = apiUsage.rows;
    rows.api_usage_rollups_history = historyRows;
    return {
      tenants,
      removed,
      rows,
      apiUsage,
      seconds: (performance.now() - started) / 1000,
      password,
      staffEmails,
      now: new Date(now),
    };
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Staff users `<role>@staff.demo` (and two more success managers to spread the book of business). */
function writeStaff(context: DemoContext, random: Random): string[] {
  const staff: DemoStaff = context.staff;
  const at = new Date(context.start - 30 * DAY_MS);
  return STAFF_ACCOUNTS.map(([role, handle]) => {
    const id = random.uuid7(at.getTime());
    const email = `${handle}@staff${DEMO_EMAIL_TLD}`;
    const name = `Demo ${handle.charAt(0).toUpperCase()}${handle.slice(1)}`;
    context.buffers.users.add([id, name, email, true, at, at]);
    context.buffers.accounts.add([random.uuid7(at.getTime()), id, "credential", id, context.passwordHash, at, at]);
    context.buffers.staff_members.add([random.uuid7(at.getTime()), id, role, "active", at, at]);
    if (role === "success") staff.success.push(id);
    else staff[role] = id;
    return email;
  });
}

async function loadOnboardingTemplates(client: pg.ClientBase): Promise<DemoContext["templates"]> {
  const result = await client.query<{ id: string; trade: Trade; sections: schema.OnboardingSectionTemplate[] }>(
    "select distinct on (trade) id, trade, sections from onboarding_templates order by trade, version desc",
  );
  return new Map(result.rows.map((row) => [row.trade, { id: row.id, sections: row.sections }]));
}

/** Demo invoices continue each month's numbering after whatever invoices already exist. */
async function loadInvoiceNumbers(client: pg.ClientBase): Promise<Map<string, number>> {
  const result = await client.query<{ month: string; last: number }>(
    `select substr(number, 5, 6) as month, max(substr(number, 12)::int) as last
       from invoices where number ~ '^INV-[0-9]{6}-[0-9]+$' group by 1`,
  );
  return new Map(result.rows.map((row) => [row.month, row.last]));
}

async function seedApiUsage(
  client: pg.ClientBase,
  plan: Parameters<typeof generateApiUsage>[0],
  lastUse: Map<string, number>,
) {
  await client.query("select ensure_api_usage_partitions($1::date, $2)", [isoDay(new Date(plan.from)), plan.days]);
  const started = performance.now();
  const rows = await ingestApiUsage(client, generateApiUsage(plan, lastUse));
  const seconds = (performance.now() - started) / 1000;
  return { rows, seconds, rowsPerSecond: Math.round(rows / Math.max(seconds, 0.001)) };
}
