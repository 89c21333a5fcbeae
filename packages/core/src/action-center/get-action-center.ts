import { db, type Executor } from "@pp/db";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { formatCents } from "../billing/billing-dates";
import { zIntParam } from "../input/zod-pieces";
import { DISPUTE_REASON_LABELS, type DisputeReason } from "../leads/dispute-rules";
import { decodeCursor, page } from "../pagination";
import { parseInput } from "../parse-input";
import { bucketQuery, lateColumns } from "./bucket-queries";
import {
  ACTION_BUCKETS,
  ACTION_SEVERITIES,
  type ActionBucket,
  type ActionKind,
  type ActionSeverity,
  BUCKET_ACTIONS,
} from "./buckets";
import { describeDaysAhead, describeItemAge } from "./day-distance";
import { findUsageDrops, type UsageDrop, type UsageDropSource } from "./usage-drops";

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** `GET /api/provider/action-center` and the page: filters, and `bucket` + `cursor` for a further page. */
export const ZActionCenterQuery = z
  .object({
    tenantId: optional(z.uuid("must be a client id")),
    severity: optional(z.enum(ACTION_SEVERITIES, "must be critical, high, medium or low")),
    /** Only items at least this many days old. */
    aging: optional(zIntParam({ min: 0, max: 3_650, message: "must be a number of days" })),
    bucket: optional(z.enum(ACTION_BUCKETS, `must be one of ${ACTION_BUCKETS.join(", ")}`)),
    cursor: optional(z.string().max(2_048)),
    limit: optional(zIntParam({ min: 1, max: 100 })),
    /** `snoozed`: only the items hidden by a snooze that has not run out, each with its snooze. */
    view: optional(z.enum(["queue", "snoozed"], "must be queue or snoozed")),
  })
  .refine((query) => query.cursor === undefined || query.bucket !== undefined, {
    path: ["cursor"],
    message: "pages one bucket: send bucket with it",
  });
export type TActionCenterQuery = z.input<typeof ZActionCenterQuery>;

export type ActionItem = {
  /** Unique within its bucket; with the bucket, the key a snooze is stored under. */
  id: string;
  bucket: ActionBucket;
  tenant: { id: string; name: string } | null;
  title: string;
  severity: ActionSeverity;
  /** When the item started (dispute raised, invoice due, first failure…); `ageHours` counts from it. */
  openedAt: Date;
  ageHours: number;
  /** When it breaches (decision target, next retry, SLA target, trial end…); null when nothing is scheduled. */
  dueAt: Date | null;
  /** Money at risk, in cents, where there is some. */
  amountCents: number | null;
  currency: string | null;
  /** The record the actions apply to: a lead, invoice, subscription, incident or tenant. */
  subject: { type: "lead" | "invoice" | "subscription" | "incident" | "tenant"; id: string };
  actions: ActionKind[];
  /** Bucket-specific facts (the dispute reason, the invoice number, the at-risk reasons…). */
  details: Record<string, unknown>;
  /** Where to look at the subject in the portal. */
  href: string;
  /** What staff already did, in words ("Reminded today", "Escalated to level 2"). */
  state: string[];
  /** In the snoozed view: until when, why and by whom. */
  snooze: { until: Date; reason: string; snoozedBy: string | null } | null;
};

export type ActionBucketPage = { count: number; items: ActionItem[]; nextCursor: string | null };
export type ActionCenter = {
  generatedAt: Date;
  buckets: Partial<Record<ActionBucket, ActionBucketPage>>;
};

const SEVERITY_RANK = sql.raw(
  `case severity ${ACTION_SEVERITIES.map((severity, rank) => `when '${severity}' then ${rank}`).join(" ")} end`,
);
// Sort key for "no due time": after every real one.
const NO_DUE = 9_000_000_000_000_000;
const ZCursor = z.tuple([z.number().int(), z.number().int(), z.number().int(), z.string().max(100)]);

type Row = {
  id: string;
  tenant_id: string | null;
  tenant_name: string | null;
  severity: ActionSeverity;
  opened_at: string;
  due_at: string | null;
  amount_cents: string | null;
  currency: string | null;
  subject_type: ActionItem["subject"]["type"];
  subject_id: string;
  details: Record<string, unknown>;
  snoozed_until: string | null;
  snooze_reason: string | null;
  snoozed_by_name: string | null;
  severity_rank: number;
  due_key: string;
  money_key: string;
  total: string;
};

/**
 * The Action Center: every bucket's count and first page, most urgent first — severity, then
 * the nearest breach time, then the most money at risk. Snoozed items stay hidden until their
 * date. With `bucket`, only that bucket (and `cursor` pages through it).
 */
export async function getActionCenter(
  options: TActionCenterQuery & {
    now?: Date;
    /** Where tenantsAtRisk's "usage down" signal comes from: fresh by default; pages pass `cachedUsageDrops`. */
    usageDrops?: UsageDropSource;
  } = {},
  executor: Executor = db,
): Promise<ActionCenter> {
  const { now: givenNow, usageDrops: usageDropSource = findUsageDrops, ...input } = options;
  const query = parseInput(ZActionCenterQuery, input);
  const now = givenNow ?? new Date();
  const buckets: readonly ActionBucket[] = query.bucket ? [query.bucket] : ACTION_BUCKETS;
  const limit = query.limit ?? 10;
  const cursor = query.cursor ? decodeCursor(query.cursor, ZCursor) : undefined;
  const usageDrops = buckets.includes("tenantsAtRisk") ? await usageDropSource(now, executor) : [];
  const pages = await Promise.all(
    buckets.map((bucket) => bucketPage({ bucket, now, limit, cursor, query, usageDrops }, executor)),
  );
  return { generatedAt: now, buckets: Object.fromEntries(buckets.map((bucket, index) => [bucket, pages[index]])) };
}

async function bucketPage(
  input: {
    bucket: ActionBucket;
    now: Date;
    limit: number;
    cursor: z.output<typeof ZCursor> | undefined;
    query: z.output<typeof ZActionCenterQuery>;
    usageDrops: readonly UsageDrop[];
  },
  executor: Executor,
): Promise<ActionBucketPage> {
  const { bucket, now, limit, cursor, query, usageDrops } = input;
  const at = sql`${now.toISOString()}::timestamptz`;
  const snoozed = query.view === "snoozed";
  const activeSnooze = sql`s.bucket = ${bucket} and s.item_id = i.id and s.until > ${at}`;
  const filters: SQL[] = snoozed ? [] : [sql`not exists (select 1 from action_snoozes s where ${activeSnooze})`];
  if (query.tenantId) filters.push(sql`i.tenant_id = ${query.tenantId}::uuid`);
  if (query.severity) filters.push(sql`i.severity = ${query.severity}`);
  if (query.aging !== undefined) filters.push(sql`i.opened_at <= ${at} - ${query.aging} * interval '1 day'`);
  const after = cursor
    ? sql`where (severity_rank, due_key, money_key, id) > (${cursor[0]}, ${cursor[1]}::bigint, ${cursor[2]}::bigint, ${cursor[3]})`
    : sql``;
  const late = lateColumns(bucket, sql.raw("paged"));
  // The page first (only what ranking needs), then any columns worked out for those rows alone.
  const result = await executor.execute<Row>(sql`
    select paged.*${late ? sql`, late.*` : sql``} from (
    select * from (
      select i.*, ${snoozed ? sql`s.until as snoozed_until, s.reason as snooze_reason, u.name as snoozed_by_name` : sql`null as snoozed_until, null as snooze_reason, null as snoozed_by_name`},
        ${SEVERITY_RANK} as severity_rank,
        coalesce(floor(extract(epoch from i.due_at) * 1000)::bigint, ${NO_DUE}::bigint) as due_key,
        -coalesce(i.amount_cents, 0) as money_key,
        count(*) over () as total
      from (${bucketQuery(bucket, at, usageDrops)}) i
      ${snoozed ? sql`join action_snoozes s on ${activeSnooze} left join users u on u.id = s.snoozed_by` : sql``}
      ${filters.length > 0 ? sql`where ${sql.join(filters, sql` and `)}` : sql``}
    ) ranked
    ${after}
    order by severity_rank, due_key, money_key, id
    limit ${limit + 1}
    ) paged
    ${late ? sql`cross join lateral ${late} late` : sql``}
    order by severity_rank, due_key, money_key, id`);
  const rows = result.rows;
  const paged = page(rows, limit, (row) => [row.severity_rank, Number(row.due_key), Number(row.money_key), row.id]);
  return {
    // The window count runs before the cursor filter: every page carries the bucket's full count.
    count: Number(rows[0]?.total ?? 0),
    items: paged.data.map((row) => toItem(bucket, row, now)),
    nextCursor: paged.nextCursor,
  };
}

function toItem(bucket: ActionBucket, row: Row, now: Date): ActionItem {
  const openedAt = new Date(row.opened_at);
  const details = row.details;
  const remindedToday = details.remindedToday === true;
  return {
    id: row.id,
    bucket,
    tenant: row.tenant_id && row.tenant_name ? { id: row.tenant_id, name: row.tenant_name } : null,
    title: titleOf(bucket, details, now),
    severity: row.severity,
    openedAt,
    ageHours: Math.max(0, Math.floor((now.getTime() - openedAt.getTime()) / 3_600_000)),
    dueAt: row.due_at ? new Date(row.due_at) : null,
    amountCents: row.amount_cents === null ? null : Number(row.amount_cents),
    currency: row.currency,
    subject: { type: row.subject_type, id: row.subject_id },
    actions: BUCKET_ACTIONS[bucket].filter((action) => !(action === "sendReminder" && remindedToday)),
    details,
    href: hrefOf(row),
    state: stateOf(bucket, details, now),
    snooze:
      row.snoozed_until === null
        ? null
        : { until: new Date(row.snoozed_until), reason: row.snooze_reason ?? "", snoozedBy: row.snoozed_by_name },
  };
}

/** What was already done about an item, so a row shows it after the action. */
function stateOf(bucket: ActionBucket, details: Record<string, unknown>, now: Date): string[] {
  const state: string[] = [];
  if (bucket === "invoicesOverdue" || bucket === "paymentsFailed") {
    if (details.remindedToday === true) state.push("Reminded today");
    else if (text(details.lastReminderAt)) {
      state.push(`Reminded ${describeItemAge(new Date(text(details.lastReminderAt)), now)} ago`);
    }
  }
  const level = count(details.escalationLevel);
  if (bucket === "slaBreaches" && level > 0) state.push(`Escalated to level ${level}`);
  return state;
}

function hrefOf(row: Row): string {
  switch (row.subject_type) {
    case "lead":
      return `/provider/leads/${row.subject_id}`;
    case "invoice":
      return `/provider/billing/invoices/${row.subject_id}`;
    case "incident":
      return row.tenant_id ? `/provider/clients/${row.tenant_id}` : "/provider/action-center";
    default:
      return `/provider/clients/${row.tenant_id}`;
  }
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const count = (value: unknown) => (typeof value === "number" ? value : Number(value ?? 0));

/** The one-line description staff read in the queue. */
function titleOf(bucket: ActionBucket, details: Record<string, unknown>, now: Date): string {
  switch (bucket) {
    case "disputesPending": {
      const reason = DISPUTE_REASON_LABELS[text(details.reasonCode) as DisputeReason] ?? text(details.reasonCode);
      return `Dispute: ${text(details.categoryName) || text(details.category)} lead — ${reason}`;
    }
    case "invoicesOverdue":
      return `Invoice ${text(details.number)} is overdue`;
    case "paymentsFailed": {
      const failures = count(details.failures);
      return `Payment failed on invoice ${text(details.number)}${failures > 1 ? ` (${failures} attempts)` : ""} — ${text(details.failureReason).replaceAll("_", " ")}`;
    }
    case "chargebacks": {
      const reason = text(details.reason).replaceAll("_", " ");
      const responding = text(details.status).includes("needs_response")
        ? "evidence needed"
        : "under review at the bank";
      return `Card chargeback on invoice ${text(details.number)} — ${reason} (${responding})`;
    }
    case "subsExpiring": {
      const when = describeDaysAhead(new Date(text(details.endsAt)), now);
      return details.kind === "trial_ending"
        ? `${text(details.planName)} trial ends ${when}`
        : `${text(details.planName)} subscription cancels ${when}`;
    }
    case "slaBreaches": {
      const clock = details.clock === "acknowledge" ? "acknowledge" : "resolve";
      const state = details.breached
        ? `${clock} SLA breached`
        : `${count(details.elapsedPercent)}% of the ${clock} SLA used`;
      return `${text(details.incidentSeverity).toUpperCase()} ${text(details.title)} — ${state}`;
    }
    case "tenantsAtRisk":
      return `At risk: ${atRiskReasons(details).join("; ")}`;
    case "rateLimitAlerts": {
      const limited = count(details.rateLimited);
      const peak = `peak ${count(details.peakMinuteRequests)}/min of ${count(details.limitPerMinute)}/min`;
      return limited > 0
        ? `${limited.toLocaleString("en-US")} requests rate-limited (429), ${peak}`
        : `Near the rate limit: ${peak}`;
    }
  }
}

/** Why a tenant is at risk, in words, one reason per signal that fired. */
export function atRiskReasons(details: Record<string, unknown>): string[] {
  const reasons: string[] = [];
  if (details.pastDue === true) reasons.push("subscription past due");
  const overdue = count(details.overdueInvoices);
  if (overdue > 0) {
    reasons.push(
      `${overdue} invoice${overdue > 1 ? "s" : ""} over 30 days overdue (${formatCents(count(details.overdueCents), typeof details.currency === "string" ? details.currency : undefined)})`,
    );
  }
  if (details.recentRequests !== null && details.recentRequests !== undefined) {
    const prior = count(details.priorRequests);
    const drop = prior > 0 ? Math.round(100 * (1 - count(details.recentRequests) / prior)) : 0;
    reasons.push(`API usage down ${drop}% against the prior 30 days`);
  }
  const incidents = count(details.openIncidents);
  if (incidents > 0) reasons.push(`${incidents} open sev1/sev2 incident${incidents > 1 ? "s" : ""}`);
  if (typeof details.healthScore === "number") reasons.push(`health score ${details.healthScore} (at risk)`);
  return reasons;
}
