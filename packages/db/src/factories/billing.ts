import { eq } from "drizzle-orm";
import type { Executor } from "../client";
import { nextInvoiceNumber } from "../invoice-numbers";
import {
  type INVOICE_LINE_KINDS,
  invoiceLines,
  invoices,
  leads,
  payments,
  plans,
  subscriptionEvents,
  subscriptions,
  tenants,
} from "../schema";
import type { PlanCode } from "./catalog";
import { addDays, addMonths } from "./ids";

export type Subscription = typeof subscriptions.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type InvoiceLine = typeof invoiceLines.$inferSelect;
export type Payment = typeof payments.$inferSelect;

/** Monthly recurring revenue of a plan price: yearly plans are spread over 12 months, trials count 0. */
export function mrrOf(plan: { priceCents: number; interval: string }, quantity: number, status: string): number {
  if (status === "trialing" || status === "canceled" || status === "expired") return 0;
  const monthly = plan.interval === "year" ? Math.round(plan.priceCents / 12) : plan.priceCents;
  return monthly * quantity;
}

export type SubscriptionInput = Partial<typeof subscriptions.$inferInsert> & {
  tenantId: string;
  /** Which plan, by code, when `planId` is not given (default `basic`). */
  planCode?: PlanCode;
  /** When it started (default now): the first period starts here and the `new` event is effective here. */
  startedAt?: Date;
};

/**
 * A subscription whose mrr_cents follows its plan and quantity, its `new` movement in the MRR
 * ledger (not for a trial: it has no MRR until it converts), and the tenant pointed at its plan.
 */
export async function createSubscription(executor: Executor, input: SubscriptionInput): Promise<Subscription> {
  const { planCode = "basic", startedAt = new Date(), ...values } = input;
  const plan = await findPlan(executor, input.planId, planCode);
  const status = input.status ?? "active";
  const quantity = input.quantity ?? 1;
  const mrrCents = input.mrrCents ?? mrrOf(plan, quantity, status);
  const [subscription] = await executor
    .insert(subscriptions)
    .values({
      currentPeriodStart: startedAt,
      currentPeriodEnd: addMonths(startedAt, plan.interval === "year" ? 12 : 1),
      trialEnd: status === "trialing" ? addDays(startedAt, 14) : null,
      ...values,
      planId: plan.id,
      status,
      quantity,
      mrrCents,
      currency: plan.currency,
    })
    .returning();
  if (!subscription) throw new Error("subscription insert returned no row");
  if (status !== "trialing") {
    await executor.insert(subscriptionEvents).values({
      tenantId: input.tenantId,
      subscriptionId: subscription.id,
      type: "new",
      toPlanId: plan.id,
      mrrBeforeCents: 0,
      mrrAfterCents: mrrCents,
      effectiveAt: startedAt,
    });
  }
  await executor.update(tenants).set({ planId: plan.id }).where(eq(tenants.id, input.tenantId));
  return subscription;
}

async function findPlan(executor: Executor, planId: string | undefined, code: PlanCode) {
  const [plan] = await executor
    .select()
    .from(plans)
    .where(planId ? eq(plans.id, planId) : eq(plans.code, code))
    .limit(1);
  if (!plan) throw new Error(`plan ${planId ?? code} does not exist: run ensureReferenceData first`);
  return plan;
}

export type InvoiceLineInput = {
  kind: (typeof INVOICE_LINE_KINDS)[number];
  description: string;
  quantity?: number;
  unitAmountCents: number;
  leadId?: string;
  /** A lead line covered by the plan's included leads (charged 0). */
  included?: boolean;
};

export type InvoiceInput = Partial<typeof invoices.$inferInsert> & {
  tenantId: string;
  lines?: InvoiceLineInput[];
};

/** Invoice totals from its lines: credits (negative lines) lower the total, never below zero. */
export function invoiceTotals(lines: readonly InvoiceLineInput[], amountPaidCents = 0) {
  let subtotalCents = 0;
  let creditCents = 0;
  for (const line of lines) {
    const amount = line.unitAmountCents * (line.quantity ?? 1);
    if (amount >= 0) subtotalCents += amount;
    else creditCents -= amount;
  }
  const totalCents = Math.max(0, subtotalCents - creditCents);
  return { subtotalCents, creditCents, totalCents, amountDueCents: Math.max(0, totalCents - amountPaidCents) };
}

/**
 * An invoice with its lines, numbered `INV-YYYYMM-NNNNN` in its issue month. Lead lines point
 * their lead at the line (the lead is then invoiced). Defaults: open, issued now, due in 14 days.
 */
export async function createInvoice(
  executor: Executor,
  input: InvoiceInput,
): Promise<Invoice & { lines: InvoiceLine[] }> {
  return executor.transaction(async (tx) => {
    const { lines = [], ...values } = input;
    const issuedAt = input.issuedAt ?? new Date();
    const status = input.status ?? "open";
    const totals = invoiceTotals(lines);
    const amountPaidCents = input.amountPaidCents ?? (status === "paid" ? totals.totalCents : 0);
    const [invoice] = await tx
      .insert(invoices)
      .values({
        periodStart: addMonths(issuedAt, -1),
        periodEnd: issuedAt,
        dueAt: addDays(issuedAt, 14),
        paidAt: status === "paid" ? issuedAt : null,
        ...totals,
        amountDueCents: Math.max(0, totals.totalCents - amountPaidCents),
        ...values,
        number: input.number ?? (await nextInvoiceNumber(tx, issuedAt)),
        status,
        issuedAt,
        amountPaidCents,
      })
      .returning();
    if (!invoice) throw new Error("invoice insert returned no row");
    const createdLines =
      lines.length === 0
        ? []
        : await tx
            .insert(invoiceLines)
            .values(
              lines.map((line) => ({
                tenantId: input.tenantId,
                invoiceId: invoice.id,
                kind: line.kind,
                description: line.description,
                quantity: line.quantity ?? 1,
                unitAmountCents: line.unitAmountCents,
                amountCents: line.unitAmountCents * (line.quantity ?? 1),
                leadId: line.leadId ?? null,
                included: line.included ?? false,
              })),
            )
            .returning();
    for (const line of createdLines) {
      if (line.leadId) await tx.update(leads).set({ invoiceLineId: line.id }).where(eq(leads.id, line.leadId));
    }
    return { ...invoice, lines: createdLines };
  });
}

export type PaymentInput = Partial<typeof payments.$inferInsert> & { invoiceId: string };

/**
 * A payment attempt on an invoice. A success pays down the invoice (paid when nothing is left);
 * a failure counts as a retry attempt, so the invoice shows up in Payment Retries.
 */
export async function createPayment(executor: Executor, input: PaymentInput): Promise<Payment> {
  const [invoice] = await executor.select().from(invoices).where(eq(invoices.id, input.invoiceId)).limit(1);
  if (!invoice) throw new Error(`invoice ${input.invoiceId} does not exist`);
  const status = input.status ?? "succeeded";
  const attemptedAt = input.attemptedAt ?? new Date();
  const [payment] = await executor
    .insert(payments)
    .values({
      amountCents: Math.max(1, invoice.amountDueCents),
      failureReason: status === "failed" ? "card_declined" : null,
      ...input,
      tenantId: invoice.tenantId,
      currency: invoice.currency,
      status,
      attemptedAt,
    })
    .returning();
  if (!payment) throw new Error("payment insert returned no row");
  if (status === "succeeded") {
    const amountDueCents = Math.max(0, invoice.amountDueCents - payment.amountCents);
    await executor
      .update(invoices)
      .set({
        amountPaidCents: invoice.amountPaidCents + payment.amountCents,
        amountDueCents,
        status: amountDueCents === 0 ? "paid" : invoice.status,
        paidAt: amountDueCents === 0 ? attemptedAt : invoice.paidAt,
        nextRetryAt: amountDueCents === 0 ? null : invoice.nextRetryAt,
      })
      .where(eq(invoices.id, invoice.id));
  } else {
    await executor
      .update(invoices)
      .set({ retryAttempts: invoice.retryAttempts + 1 })
      .where(eq(invoices.id, invoice.id));
  }
  return payment;
}
