import { db, type Executor } from "@pp/db";
import { INVOICE_STATUSES, invoices, tenants } from "@pp/db/schema";
import { and, desc, eq, gt, isNotNull, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { zIntParam } from "../input/zod-pieces";
import { decodeCursor, page } from "../pagination";
import { isMoneyOwed, moneyOwedCondition } from "./money-owed";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The invoice list's filters as they appear in the URL (`from`/`to`: issue dates, UTC days, inclusive). */
export const ZInvoiceFilters = z.object({
  status: optional(z.enum(INVOICE_STATUSES)),
  tenantId: optional(z.uuid("must be a client id")),
  /** `true`: invoices still owed (open or uncollectible, not written off) past their due date only. */
  overdue: optional(z.enum(["true", "false"])),
  /** `true`: invoices in Payment Retries (retried or a retry scheduled, or uncollectible). */
  retrying: optional(z.enum(["true", "false"])),
  from: optional(z.string().regex(DAY, "use YYYY-MM-DD")),
  to: optional(z.string().regex(DAY, "use YYYY-MM-DD")),
  cursor: optional(z.string().max(2048)),
  limit: optional(zIntParam({ min: 1, max: 100 })),
});
export type TInvoiceFilters = z.output<typeof ZInvoiceFilters>;

export type InvoiceListItem = {
  id: string;
  number: string;
  tenantId: string;
  tenantName: string;
  status: (typeof invoices.$inferSelect)["status"];
  periodStart: Date;
  periodEnd: Date;
  issuedAt: Date | null;
  dueAt: Date | null;
  totalCents: number;
  amountDueCents: number;
  creditCents: number;
  currency: string;
  retryAttempts: number;
  nextRetryAt: Date | null;
  lastReminderAt: Date | null;
  overdue: boolean;
  /** When a person wrote it off (it is no longer owed), or null. */
  writtenOffAt: Date | null;
};

const ZCursor = z.tuple([z.string().refine((text) => !Number.isNaN(Date.parse(text))), z.uuid()]);

/** Invoices across clients, newest first, with the filters of /provider/billing. */
export async function listInvoices(
  options: TInvoiceFilters & { now?: Date },
  executor: Executor = db,
): Promise<{ data: InvoiceListItem[]; nextCursor: string | null }> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 25;
  const conditions: SQL[] = [];
  if (options.status) conditions.push(eq(invoices.status, options.status));
  if (options.tenantId) conditions.push(eq(invoices.tenantId, options.tenantId));
  if (options.overdue === "true") conditions.push(moneyOwedCondition(), lt(invoices.dueAt, now));
  if (options.retrying === "true") {
    const retrying = or(
      and(eq(invoices.status, "open"), or(gt(invoices.retryAttempts, 0), isNotNull(invoices.nextRetryAt))),
      and(eq(invoices.status, "uncollectible"), isNull(invoices.writtenOffAt)),
    );
    if (retrying) conditions.push(retrying);
  }
  if (options.from) conditions.push(sql`${invoices.issuedAt} >= ${options.from}::date::timestamp at time zone 'UTC'`);
  if (options.to) conditions.push(sql`${invoices.issuedAt} < (${options.to}::date + 1)::timestamp at time zone 'UTC'`);
  if (options.cursor) {
    const [createdAt, id] = decodeCursor(options.cursor, ZCursor);
    conditions.push(sql`(${invoices.createdAt}, ${invoices.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await executor
    .select({ invoice: invoices, tenantName: tenants.name, createdAtText: sql<string>`${invoices.createdAt}::text` })
    .from(invoices)
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(limit + 1);
  const result = page(rows, limit, (row) => [row.createdAtText, row.invoice.id]);
  return {
    data: result.data.map(({ invoice, tenantName }) => ({
      id: invoice.id,
      number: invoice.number,
      tenantId: invoice.tenantId,
      tenantName,
      status: invoice.status,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      issuedAt: invoice.issuedAt,
      dueAt: invoice.dueAt,
      totalCents: invoice.totalCents,
      amountDueCents: invoice.amountDueCents,
      creditCents: invoice.creditCents,
      currency: invoice.currency,
      retryAttempts: invoice.retryAttempts,
      nextRetryAt: invoice.nextRetryAt,
      lastReminderAt: invoice.lastReminderAt,
      overdue: isMoneyOwed(invoice) && invoice.dueAt !== null && invoice.dueAt < now,
      writtenOffAt: invoice.writtenOffAt,
    })),
    nextCursor: result.nextCursor,
  };
}
