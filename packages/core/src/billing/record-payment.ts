import { db, type Executor } from "@pp/db";
import { invoices, payments, subscriptions, tenants } from "@pp/db/schema";
import { and, eq } from "drizzle-orm";
import { type AuditContext, type AuditEventInput, recordAuditEvent } from "../audit/record-audit-event";
import { AppError } from "../errors";
import { recordFeatureUse } from "../usage/record-feature-use";
import type { Invoice } from "./recompute-invoice-totals";

export type RecordPaymentOptions = {
  tenantId: string;
  invoiceId: string;
  /** Default: everything still due. */
  amountCents?: number;
  externalId?: string;
  now?: Date;
  actor?: AuditEventInput["actor"];
  context?: AuditContext;
};

export type RecordedPayment = { payment: typeof payments.$inferSelect; invoice: Invoice };

/**
 * A succeeded payment: pays the invoice down; with nothing left it is paid, its retries stop, and a
 * subscription (and client) that was past due because of it is active again.
 */
export async function recordPayment(options: RecordPaymentOptions, executor: Executor = db): Promise<RecordedPayment> {
  const { tenantId, invoiceId } = options;
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const scope = and(eq(invoices.id, invoiceId), eq(invoices.tenantId, tenantId));
    const [invoice] = await tx.select().from(invoices).where(scope).for("update");
    if (!invoice) throw new AppError("not_found", "Invoice not found");
    if (invoice.status !== "open" && invoice.status !== "uncollectible") {
      throw new AppError("conflict", `Invoice ${invoice.number} is ${invoice.status}: it takes no payment`);
    }
    const amountCents = options.amountCents ?? invoice.amountDueCents;
    if (!Number.isInteger(amountCents) || amountCents <= 0) {
      throw new AppError("validation_failed", "The payment amount must be a positive number of cents", {
        details: [{ path: "amountCents", message: "must be a positive integer" }],
      });
    }
    const [payment] = await tx
      .insert(payments)
      .values({
        tenantId,
        invoiceId,
        status: "succeeded",
        amountCents,
        currency: invoice.currency,
        externalId: options.externalId ?? null,
        attemptedAt: now,
        createdAt: now,
      })
      .returning();
    if (!payment) throw new Error("payment insert returned no row");
    const amountPaidCents = invoice.amountPaidCents + amountCents;
    const amountDueCents = Math.max(0, invoice.totalCents - amountPaidCents);
    const paid = amountDueCents === 0;
    const [updated] = await tx
      .update(invoices)
      .set({
        amountPaidCents,
        amountDueCents,
        ...(paid ? { status: "paid" as const, paidAt: now, nextRetryAt: null } : {}),
        updatedAt: now,
      })
      .where(scope)
      .returning();
    if (!updated) throw new Error("invoice update returned no row");
    if (paid && invoice.subscriptionId) {
      const [reactivated] = await tx
        .update(subscriptions)
        .set({ status: "active", updatedAt: now })
        .where(
          and(
            eq(subscriptions.id, invoice.subscriptionId),
            eq(subscriptions.tenantId, tenantId),
            eq(subscriptions.status, "past_due"),
          ),
        )
        .returning({ id: subscriptions.id });
      if (reactivated) {
        await tx
          .update(tenants)
          .set({ status: "active", updatedAt: now })
          .where(and(eq(tenants.id, tenantId), eq(tenants.status, "past_due")));
      }
    }
    await recordAuditEvent(
      {
        actor: options.actor ?? { kind: "system", label: "billing" },
        action: "invoice.payment_succeeded",
        tenantId,
        target: { type: "invoice", id: invoiceId },
        before: { status: invoice.status, amountDueCents: invoice.amountDueCents },
        after: { status: updated.status, amountDueCents, paymentId: payment.id, amountCents },
        context: options.context,
      },
      tx,
    );
    const actor = options.actor;
    await recordFeatureUse(
      {
        tenantId,
        userId: actor && "userId" in actor ? actor.userId : null,
        app: "portal",
        featureKey: "RecordPayment",
        metadata: { invoiceId, paymentId: payment.id },
        at: now,
      },
      tx,
    );
    return { payment, invoice: updated };
  });
}
