import { db, type Executor } from "@pp/db";
import { activities, invoices, tenants } from "@pp/db/schema";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { type AuditContext, recordAuditEvent } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { enqueueEmail } from "../email/enqueue-email";
import { AppError } from "../errors";
import { isUuid } from "../parse-input";
import { recordFeatureUse } from "../usage/record-feature-use";
import { billingContactOf } from "./billing-contact";
import { formatCents, formatUtcDate, formatUtcTime } from "./billing-dates";

export type SendInvoiceReminderOptions = { invoiceId: string; actor: StaffActor; now?: Date; context?: AuditContext };
export type SentReminder = { invoiceId: string; number: string; to: string; sentAt: Date };

const REMINDABLE = new Set(["open", "uncollectible"]);

/**
 * Send Reminder: emails the client's billing contact about an unpaid invoice, at most once per
 * invoice per UTC day however often it is clicked. The conditional UPDATE is the guard: of two
 * concurrent clicks only one matches, the other gets a 409 naming when today's reminder went out.
 */
export async function sendInvoiceReminder(
  options: SendInvoiceReminderOptions,
  executor: Executor = db,
): Promise<SentReminder> {
  const { invoiceId, actor } = options;
  const now = options.now ?? new Date();
  if (!isUuid(invoiceId)) throw new AppError("not_found", "Invoice not found");
  return executor.transaction(async (tx) => {
    const [row] = await tx
      .select({ invoice: invoices, tenant: tenants })
      .from(invoices)
      .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
      .where(eq(invoices.id, invoiceId));
    if (!row) throw new AppError("not_found", "Invoice not found");
    const { invoice, tenant } = row;
    if (!REMINDABLE.has(invoice.status) || invoice.amountDueCents <= 0) {
      throw new AppError(
        "conflict",
        `Invoice ${invoice.number} is ${invoice.status} with nothing due — no reminder needed`,
      );
    }
    const to = billingContactOf(tenant);
    if (!to) {
      throw new AppError(
        "unprocessable",
        `${tenant.name} has no billing or contact email — add one to the client's profile first`,
      );
    }

    const startOfToday = sql`date_trunc('day', ${now.toISOString()}::timestamptz, 'UTC')`;
    const [claimed] = await tx
      .update(invoices)
      .set({ lastReminderAt: now, updatedAt: now })
      .where(
        and(
          eq(invoices.id, invoice.id),
          eq(invoices.tenantId, tenant.id),
          or(isNull(invoices.lastReminderAt), lt(invoices.lastReminderAt, startOfToday)),
        ),
      )
      .returning({ id: invoices.id });
    if (!claimed) {
      const [current] = await tx
        .select({ lastReminderAt: invoices.lastReminderAt })
        .from(invoices)
        .where(eq(invoices.id, invoice.id));
      const at = current?.lastReminderAt ?? now;
      throw new AppError("conflict", `A reminder was already sent today at ${formatUtcTime(at)} UTC`, {
        details: { lastReminderAt: at.toISOString() },
      });
    }

    const due = invoice.dueAt ? ` was due on ${formatUtcDate(invoice.dueAt)}` : " is unpaid";
    const amount = formatCents(invoice.amountDueCents, invoice.currency);
    await enqueueEmail(
      {
        to,
        subject: `Reminder: invoice ${invoice.number} (${amount})${invoice.dueAt ? ` was due ${formatUtcDate(invoice.dueAt)}` : ""}`,
        text: [
          `Hello ${tenant.contactName ?? tenant.name},`,
          "",
          `Invoice ${invoice.number} for ${amount}${due}.`,
          "Please pay it from the Billing page of your account, or reply to this email if something is wrong.",
        ].join("\n"),
        kind: "invoice_reminder",
        tenantId: tenant.id,
        related: { type: "invoice", id: invoice.id },
      },
      tx,
    );
    await tx.insert(activities).values({
      tenantId: tenant.id,
      kind: "email",
      title: `Payment reminder sent for invoice ${invoice.number}`,
      actorId: actor.userId,
      relatedType: "invoice",
      relatedId: invoice.id,
      metadata: { to, amountDueCents: invoice.amountDueCents },
      at: now,
    });
    await recordAuditEvent(
      {
        actor,
        action: "invoice.reminder_sent",
        tenantId: tenant.id,
        target: { type: "invoice", id: invoice.id },
        before: { lastReminderAt: invoice.lastReminderAt },
        after: { lastReminderAt: now, to },
        context: options.context,
      },
      tx,
    );
    await recordFeatureUse(
      {
        tenantId: tenant.id,
        userId: actor.userId,
        app: "portal",
        featureKey: "SendReminder",
        metadata: { invoiceId },
        at: now,
      },
      tx,
    );
    return { invoiceId: invoice.id, number: invoice.number, to, sentAt: now };
  });
}
