import { db, type Executor } from "@pp/db";
import { invoices, subscriptionEvents, subscriptions, tenants } from "@pp/db/schema";
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte } from "drizzle-orm";
import { recordAuditEvent } from "../audit/record-audit-event";
import { enqueueEmail } from "../email/enqueue-email";
import { billingContactOf } from "./billing-contact";
import { formatCents, formatUtcDate } from "./billing-dates";
import {
  DEFAULT_PAYMENT_RETRY_POLICY,
  gracePeriodEndsAt,
  type PaymentRetryPolicy,
  paymentRetryPolicy,
  retryDueAt,
} from "./payment-retry-policy";
import type { Invoice } from "./recompute-invoice-totals";
import { recordFailedPayment } from "./record-failed-payment";
import { recordPayment } from "./record-payment";

/**
 * The outcome of one charge attempt (core/payments charges cards through Stripe). `retryLater`: the
 * processor never answered — nothing is recorded and the attempt is made again on the next run.
 */
export type ChargeResult =
  | { ok: true; externalId?: string }
  | { ok: false; reason: string; externalId?: string; retryLater?: boolean };
export type ChargeInvoice = (input: { invoice: Invoice; attempt: number }) => Promise<ChargeResult>;

/** Without a card processor every retry fails with this reason. */
export const declineWithoutProcessor: ChargeInvoice = async () => ({ ok: false, reason: "no_payment_method" });

export type RunPaymentRetriesOptions = {
  now?: Date;
  /** Only this client's invoices (default: every client). */
  tenantId?: string;
  policy?: Partial<PaymentRetryPolicy>;
  chargeInvoice?: ChargeInvoice;
};

export type PaymentRetriesRun = {
  scheduled: number;
  attempted: number;
  succeeded: number;
  failed: number;
  markedUncollectible: number;
  canceled: number;
};

const SYSTEM = { kind: "system", label: "payment-retries" } as const;

/**
 * One pass of Payment Retries at `now`: schedules the first retry of newly overdue invoices, retries
 * those whose retry is due (a reminder email at each step), marks invoices uncollectible after the last
 * failed retry (subscription and client past due), and cancels subscriptions whose grace period ended.
 * Each invoice is handled in its own transaction; invoices another run holds are skipped.
 */
export async function runPaymentRetries(
  options: RunPaymentRetriesOptions = {},
  executor: Executor = db,
): Promise<PaymentRetriesRun> {
  const now = options.now ?? new Date();
  const policy = paymentRetryPolicy(options.policy ?? DEFAULT_PAYMENT_RETRY_POLICY);
  const charge = options.chargeInvoice ?? declineWithoutProcessor;
  const run: PaymentRetriesRun = {
    scheduled: 0,
    attempted: 0,
    succeeded: 0,
    failed: 0,
    markedUncollectible: 0,
    canceled: 0,
  };

  const overdue = await executor
    .select({ id: invoices.id })
    .from(invoices)
    .where(
      and(
        eq(invoices.status, "open"),
        lte(invoices.dueAt, now),
        gt(invoices.amountDueCents, 0),
        options.tenantId ? eq(invoices.tenantId, options.tenantId) : undefined,
      ),
    )
    .orderBy(asc(invoices.dueAt));
  for (const { id } of overdue) {
    await executor.transaction((tx) => retryInvoice(tx, { invoiceId: id, now, policy, charge, run }));
  }

  const lapsed = await executor
    .select({ id: invoices.id, dueAt: invoices.dueAt })
    .from(invoices)
    .innerJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
    .where(
      and(
        eq(invoices.status, "uncollectible"),
        isNull(invoices.writtenOffAt),
        gt(invoices.amountDueCents, 0),
        isNotNull(invoices.dueAt),
        eq(subscriptions.status, "past_due"),
        options.tenantId ? eq(invoices.tenantId, options.tenantId) : undefined,
      ),
    );
  for (const invoice of lapsed) {
    if (!invoice.dueAt || gracePeriodEndsAt(invoice.dueAt, policy).getTime() > now.getTime()) continue;
    await executor.transaction((tx) => cancelForNonPayment(tx, { invoiceId: invoice.id, now, run }));
  }
  return run;
}

type Step = { invoiceId: string; now: Date; policy: PaymentRetryPolicy; charge: ChargeInvoice; run: PaymentRetriesRun };

async function retryInvoice(tx: Executor, step: Step): Promise<void> {
  const { now, policy, run } = step;
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(eq(invoices.id, step.invoiceId))
    .for("update", { skipLocked: true });
  if (!invoice?.dueAt || invoice.status !== "open" || invoice.amountDueCents <= 0) return;
  const tenantId = invoice.tenantId;
  const attempt = invoice.retryAttempts;
  const dueRetry = retryDueAt(invoice.dueAt, attempt, policy);

  if (dueRetry && dueRetry.getTime() > now.getTime()) {
    if (invoice.nextRetryAt?.getTime() !== dueRetry.getTime()) {
      await tx.update(invoices).set({ nextRetryAt: dueRetry, updatedAt: now }).where(eq(invoices.id, invoice.id));
      run.scheduled += 1;
    }
    return;
  }

  if (dueRetry) {
    const result = await step.charge({ invoice, attempt: attempt + 1 });
    // The processor never answered: nothing happened, so nothing changes; the next run tries the same attempt.
    if (!result.ok && result.retryLater) return;
    run.attempted += 1;
    if (result.ok) {
      await recordPayment({ tenantId, invoiceId: invoice.id, externalId: result.externalId, now, actor: SYSTEM }, tx);
      await tx
        .update(invoices)
        .set({ retryAttempts: attempt + 1 })
        .where(eq(invoices.id, invoice.id));
      run.succeeded += 1;
      return;
    }
    await recordFailedPayment(
      { tenantId, invoiceId: invoice.id, reason: result.reason, externalId: result.externalId, now, actor: SYSTEM },
      tx,
    );
    run.failed += 1;
  }

  const attemptsMade = dueRetry ? attempt + 1 : attempt;
  const nextRetry = retryDueAt(invoice.dueAt, attemptsMade, policy);
  const tenant = await tenantOf(tx, tenantId);
  if (nextRetry) {
    await tx
      .update(invoices)
      .set({ retryAttempts: attemptsMade, nextRetryAt: nextRetry, updatedAt: now })
      .where(eq(invoices.id, invoice.id));
    await notify(tx, tenant, invoice, {
      subject: `Payment for invoice ${invoice.number} failed — we will retry on ${formatUtcDate(nextRetry)}`,
      text: `We could not collect ${formatCents(invoice.amountDueCents, invoice.currency)} for invoice ${invoice.number} (attempt ${attemptsMade} of ${policy.retryAfterDays.length}). We will try again on ${formatUtcDate(nextRetry)}. Update your payment method to avoid an interruption.`,
    });
    await recordAuditEvent(
      {
        actor: SYSTEM,
        action: "invoice.payment_retry_failed",
        tenantId,
        target: { type: "invoice", id: invoice.id },
        after: { retryAttempts: attemptsMade, nextRetryAt: nextRetry },
      },
      tx,
    );
    return;
  }

  // Out of retries: the invoice is uncollectible and the client past due until paid or canceled.
  await tx
    .update(invoices)
    .set({ status: "uncollectible", retryAttempts: attemptsMade, nextRetryAt: null, updatedAt: now })
    .where(eq(invoices.id, invoice.id));
  if (invoice.subscriptionId) {
    await tx
      .update(subscriptions)
      .set({ status: "past_due", updatedAt: now })
      .where(
        and(
          eq(subscriptions.id, invoice.subscriptionId),
          eq(subscriptions.tenantId, tenantId),
          inArray(subscriptions.status, ["active", "past_due"]),
        ),
      );
  }
  await tx.update(tenants).set({ status: "past_due", updatedAt: now }).where(eq(tenants.id, tenantId));
  const cancelOn = gracePeriodEndsAt(invoice.dueAt, policy);
  await notify(tx, tenant, invoice, {
    subject: `Final notice: invoice ${invoice.number} is unpaid`,
    text: `We could not collect ${formatCents(invoice.amountDueCents, invoice.currency)} for invoice ${invoice.number} after ${attemptsMade} attempts. Your account is past due; unless the invoice is paid, your subscription will be canceled on ${formatUtcDate(cancelOn)}.`,
  });
  await recordAuditEvent(
    {
      actor: SYSTEM,
      action: "invoice.marked_uncollectible",
      tenantId,
      target: { type: "invoice", id: invoice.id },
      before: { status: invoice.status },
      after: { status: "uncollectible", retryAttempts: attemptsMade, cancelOn },
    },
    tx,
  );
  run.markedUncollectible += 1;
}

async function cancelForNonPayment(
  tx: Executor,
  input: { invoiceId: string; now: Date; run: PaymentRetriesRun },
): Promise<void> {
  const { now } = input;
  const [invoice] = await tx
    .select()
    .from(invoices)
    .where(eq(invoices.id, input.invoiceId))
    .for("update", { skipLocked: true });
  // Settled to zero (paid) or written off by a person since it was listed: no end action.
  if (
    !invoice?.subscriptionId ||
    invoice.status !== "uncollectible" ||
    invoice.writtenOffAt ||
    invoice.amountDueCents <= 0
  ) {
    return;
  }
  const tenantId = invoice.tenantId;
  const [subscription] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, invoice.subscriptionId), eq(subscriptions.tenantId, tenantId)))
    .for("update");
  if (subscription?.status !== "past_due") return;
  await tx
    .update(subscriptions)
    .set({ status: "canceled", canceledAt: now, mrrCents: 0, updatedAt: now })
    .where(eq(subscriptions.id, subscription.id));
  await tx.insert(subscriptionEvents).values({
    tenantId,
    subscriptionId: subscription.id,
    type: "churn",
    fromPlanId: subscription.planId,
    mrrBeforeCents: subscription.mrrCents,
    mrrAfterCents: 0,
    effectiveAt: now,
    createdAt: now,
  });
  await tx.update(tenants).set({ status: "churned", updatedAt: now }).where(eq(tenants.id, tenantId));
  const tenant = await tenantOf(tx, tenantId);
  await notify(tx, tenant, invoice, {
    subject: "Your subscription was canceled for non-payment",
    text: `Invoice ${invoice.number} (${formatCents(invoice.amountDueCents, invoice.currency)}) stayed unpaid through the grace period, so your subscription was canceled. Contact us to reactivate it.`,
  });
  await recordAuditEvent(
    {
      actor: { kind: "system", label: "payment-retries" },
      action: "subscription.canceled",
      tenantId,
      target: { type: "subscription", id: subscription.id },
      before: { status: subscription.status, mrrCents: subscription.mrrCents },
      after: { status: "canceled", mrrCents: 0, reason: "non_payment", invoiceId: invoice.id },
    },
    tx,
  );
  input.run.canceled += 1;
}

async function tenantOf(tx: Executor, tenantId: string) {
  const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`tenant ${tenantId} does not exist`);
  return tenant;
}

async function notify(
  tx: Executor,
  tenant: typeof tenants.$inferSelect,
  invoice: Invoice,
  message: { subject: string; text: string },
): Promise<void> {
  const to = billingContactOf(tenant);
  if (!to) return;
  await enqueueEmail(
    { ...message, to, kind: "payment_retry", tenantId: tenant.id, related: { type: "invoice", id: invoice.id } },
    tx,
  );
}
