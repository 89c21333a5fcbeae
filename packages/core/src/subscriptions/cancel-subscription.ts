import { db, type Executor } from "@pp/db";
import { subscriptionChanges, subscriptionProrations, subscriptions, tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AuditContext } from "../audit/record-audit-event";
import type { StaffActor } from "../auth/actors";
import { formatUtcDate } from "../billing/billing-dates";
import { issueInvoice } from "../billing/issue-invoice";
import { AppError } from "../errors";
import { zText } from "../input/zod-pieces";
import { parseInput } from "../parse-input";
import { addProrationLines } from "./add-proration-lines";
import { loadSubscriptionForChange } from "./load-subscription-for-change";
import { recordSubscriptionChange } from "./record-subscription-change";
import { subscriptionLineCents } from "./subscription-amounts";
import { withdrawScheduledChanges } from "./withdraw-scheduled-changes";

export const CANCEL_REASONS = [
  "too_expensive",
  "missing_features",
  "switched_competitor",
  "not_using",
  "business_closed",
  "payment_failed",
  "other",
] as const;

export const ZCancelSubscription = z.object({
  when: z.enum(["period_end", "now"]).default("period_end"),
  reasonCode: z.enum(CANCEL_REASONS, "Choose why the client is leaving"),
  note: zText(500).trim().optional(),
});
export type TCancelSubscription = z.input<typeof ZCancelSubscription>;

export type CancelSubscriptionOptions = TCancelSubscription & {
  subscriptionId: string;
  actor: StaffActor;
  now?: Date;
  context?: AuditContext;
};

const PAYING = new Set(["active", "past_due"]);

/**
 * Cancels a subscription at period end (a churn movement dated then; the invoice job ends it) or
 * now: MRR drops today and the days used so far are invoiced at once (the unused rest taken off).
 */
export async function cancelSubscription(options: CancelSubscriptionOptions, executor: Executor = db) {
  const input = parseInput(ZCancelSubscription, options);
  const now = options.now ?? new Date();
  return executor.transaction(async (tx) => {
    const { subscription, plan, tenant } = await loadSubscriptionForChange(tx, options.subscriptionId);
    if (subscription.status === "canceled" || subscription.status === "expired") {
      throw new AppError("conflict", `This subscription is already ${subscription.status}`);
    }
    const paying = PAYING.has(subscription.status);
    const atPeriodEnd = input.when === "period_end" && paying;
    const effectiveAt = atPeriodEnd ? subscription.currentPeriodEnd : now;
    await withdrawScheduledChanges(tx, { subscriptionId: subscription.id, tenantId: tenant.id, now });
    let finalInvoice: { id: string; number: string } | null = null;
    if (atPeriodEnd) {
      await tx
        .update(subscriptions)
        .set({ cancelAtPeriodEnd: true, updatedAt: now })
        .where(eq(subscriptions.id, subscription.id));
    } else {
      if (paying && now.getTime() > subscription.currentPeriodStart.getTime()) {
        finalInvoice = await invoiceUsedDays(tx, {
          subscription,
          line: subscriptionLineCents(plan, subscription.quantity),
          now,
        });
      }
      await tx
        .update(subscriptions)
        .set({ status: "canceled", canceledAt: now, cancelAtPeriodEnd: false, mrrCents: 0, updatedAt: now })
        .where(eq(subscriptions.id, subscription.id));
      await tx.update(tenants).set({ status: "churned", updatedAt: now }).where(eq(tenants.id, tenant.id));
    }
    const reason = input.reasonCode.replaceAll("_", " ");
    const eventId = await recordSubscriptionChange({
      tx,
      tenant,
      subscriptionId: subscription.id,
      actor: options.actor,
      now,
      context: options.context,
      movement:
        subscription.mrrCents > 0
          ? {
              type: "churn",
              fromPlanId: plan.id,
              toPlanId: null,
              mrrBeforeCents: subscription.mrrCents,
              mrrAfterCents: 0,
              effectiveAt,
            }
          : undefined,
      action: atPeriodEnd ? "subscription.cancel_scheduled" : "subscription.canceled",
      featureKey: "CancelSubscription",
      title: atPeriodEnd
        ? `Subscription set to cancel on ${formatUtcDate(effectiveAt)} (${reason})`
        : `Subscription canceled (${reason})`,
      before: {
        status: subscription.status,
        cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
        mrrCents: subscription.mrrCents,
      },
      after: atPeriodEnd ? { cancelAtPeriodEnd: true } : { status: "canceled", mrrCents: 0 },
      metadata: {
        reasonCode: input.reasonCode,
        note: input.note ?? null,
        when: input.when,
        finalInvoice: finalInvoice?.number ?? null,
      },
      email: {
        subject: atPeriodEnd
          ? `Your ${plan.name} subscription ends on ${formatUtcDate(effectiveAt)}`
          : `Your ${plan.name} subscription has been canceled`,
        lines: [
          atPeriodEnd
            ? `Your subscription stays active until ${formatUtcDate(effectiveAt)} and then ends. You will not be charged after that.`
            : `Your subscription ended today.${finalInvoice ? ` Invoice ${finalInvoice.number} covers the days used this period.` : ""}`,
          "Changed your mind? Reply to this email and we will reactivate it.",
        ],
      },
    });
    if (atPeriodEnd) {
      await tx.insert(subscriptionChanges).values({
        tenantId: tenant.id,
        subscriptionId: subscription.id,
        kind: "cancel",
        reason: input.reasonCode,
        eventId,
        effectiveAt,
        createdAt: now,
      });
    }
    return {
      subscriptionId: subscription.id,
      effectiveAt,
      scheduled: atPeriodEnd,
      finalInvoiceId: finalInvoice?.id ?? null,
    };
  });
}

/** Cancel now: invoices [period start, now) — the full line less its unused part, plus waiting prorations. */
async function invoiceUsedDays(
  tx: Executor,
  input: { subscription: typeof subscriptions.$inferSelect; line: number; now: Date },
): Promise<{ id: string; number: string } | null> {
  const { subscription, line, now } = input;
  const start = subscription.currentPeriodStart;
  const end = subscription.currentPeriodEnd;
  let invoice: Awaited<ReturnType<typeof issueInvoice>>;
  try {
    invoice = await issueInvoice({ tenantId: subscription.tenantId, periodStart: start, periodEnd: now, now }, tx);
  } catch (error) {
    // This period was already invoiced (by hand): nothing more to bill.
    if (error instanceof AppError && error.code === "conflict") return null;
    throw error;
  }
  const length = end.getTime() - start.getTime();
  const unused = Math.round((line * Math.max(0, end.getTime() - now.getTime())) / length);
  if (unused > 0) {
    const days = Math.round((end.getTime() - now.getTime()) / 86_400_000);
    const total = Math.round(length / 86_400_000);
    await tx.insert(subscriptionProrations).values({
      tenantId: subscription.tenantId,
      subscriptionId: subscription.id,
      description: `Prorated: canceled on ${formatUtcDate(now)}, ${days} of ${total} days unused`,
      amountCents: -unused,
      periodStart: start,
      periodEnd: end,
      createdAt: now,
    });
  }
  await addProrationLines(tx, {
    tenantId: subscription.tenantId,
    subscriptionId: subscription.id,
    invoiceId: invoice.id,
    now,
  });
  return { id: invoice.id, number: invoice.number };
}
