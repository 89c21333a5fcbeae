import { DAY_MS, HOUR_MS } from "../ids";
import type { Random } from "../random";
import { type DemoContext, planOf } from "./context";
import type { TenantRisk } from "./risk";
import type { DemoLead } from "./simulate-leads";
import type { BillingPeriod, SubscriptionTimeline } from "./simulate-subscription";

/** How a tenant pays: card on file or invoices paid by hand (trouble paying comes from its risk). */
export type PaymentBehavior = "auto" | "manual";

const NET_DAYS = 14;
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const RETRY_DAYS = [0, 3, 7, 14];
const FAILURE_REASONS = ["card_declined", "insufficient_funds", "expired_card", "do_not_honor"] as const;
/** From this far into a decline with a payment cause, invoices stop being paid. */
const UNPAID_FROM_LEVEL = 0.35;

type InvoiceState = {
  status: "open" | "paid" | "uncollectible";
  paidAt: number | null;
  retryAttempts: number;
  nextRetryAt: number | null;
  lastReminderAt: number | null;
};

/**
 * One invoice per finished paid period (subscription line + a line per billable lead, issued at
 * period end, Net 14) with its payment attempts. Returns when the oldest still-unpaid invoice
 * fell due, which makes the tenant past due.
 */
export function simulateInvoices(
  context: DemoContext,
  random: Random,
  tenant: { id: string; behavior: PaymentBehavior; risk: TenantRisk },
  timeline: SubscriptionTimeline,
  leads: DemoLead[],
): { overdueSince: number | null } {
  const leadsByPeriod = new Map<number, DemoLead[]>();
  for (const lead of leads) {
    if (lead.billingStatus !== "billable") continue;
    const list = leadsByPeriod.get(lead.periodIndex) ?? [];
    list.push(lead);
    leadsByPeriod.set(lead.periodIndex, list);
  }
  let overdueSince: number | null = null;
  for (const [index, period] of timeline.periods.entries()) {
    if (period.trial || period.end > context.now) continue;
    const issuedAt = period.end;
    const invoiceId = random.uuid7(issuedAt);
    const total = writeLines(context, random, {
      tenantId: tenant.id,
      invoiceId,
      period,
      leads: leadsByPeriod.get(index) ?? [],
    });
    const trouble = tenant.risk.level(issuedAt, "payment");
    const decline = tenant.risk.declineAt(issuedAt);
    const base = { tenantId: tenant.id, invoiceId, issuedAt, amount: total };
    const state =
      trouble >= UNPAID_FROM_LEVEL && decline?.churns
        ? unpaid(context, random, { ...base, churned: timeline.canceledAt !== null })
        : trouble >= UNPAID_FROM_LEVEL && decline
          ? // A recovering tenant settles its arrears once the decline is over.
            settle(context, random, { ...base, behavior: tenant.behavior, paysAfter: decline.to })
          : settle(context, random, { ...base, behavior: tenant.behavior, failsFirst: trouble > 0 });
    const dueAt = issuedAt + NET_DAYS * DAY_MS;
    if (state.status === "open" && dueAt < context.now && overdueSince === null) overdueSince = dueAt;
    const paid = state.status === "paid" ? total : 0;
    context.buffers.invoices.add([
      invoiceId,
      tenant.id,
      timeline.subscriptionId,
      nextInvoiceNumber(context, issuedAt),
      state.status,
      "USD",
      new Date(period.start),
      new Date(period.end),
      total,
      0,
      0,
      total,
      paid,
      total - paid,
      new Date(issuedAt),
      new Date(dueAt),
      date(state.paidAt),
      null,
      state.retryAttempts,
      date(state.nextRetryAt),
      date(state.lastReminderAt),
      new Date(issuedAt),
      new Date(state.paidAt ?? state.lastReminderAt ?? issuedAt),
    ]);
  }
  return { overdueSince };
}

function date(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function nextInvoiceNumber(context: DemoContext, issuedAt: number): string {
  const month = new Date(issuedAt).toISOString().slice(0, 7).replace("-", "");
  const next = (context.invoiceNumbers.get(month) ?? 0) + 1;
  context.invoiceNumbers.set(month, next);
  return `INV-${month}-${String(next).padStart(5, "0")}`;
}

function writeLines(
  context: DemoContext,
  random: Random,
  input: { tenantId: string; invoiceId: string; period: BillingPeriod; leads: DemoLead[] },
): number {
  const plan = planOf(context, input.period.planCode);
  const issued = new Date(input.period.end);
  const start = new Date(input.period.start);
  const month = `${MONTH_NAMES[start.getUTCMonth()]} ${start.getUTCFullYear()}`;
  const subscriptionAmount = plan.priceCents * input.period.quantity;
  context.buffers.invoice_lines.add([
    random.uuid7(input.period.end),
    input.tenantId,
    input.invoiceId,
    "subscription",
    `${plan.name} plan, ${month}`,
    input.period.quantity,
    plan.priceCents,
    subscriptionAmount,
    null,
    false,
    issued,
  ]);
  let total = subscriptionAmount;
  // The plan's included leads are the earliest billable leads of the period, charged 0 (as issueInvoice does).
  const byArrival = [...input.leads].sort((a, b) => a.receivedAt - b.receivedAt || a.id.localeCompare(b.id));
  for (const [index, lead] of byArrival.entries()) {
    const lineId = random.uuid7(input.period.end);
    const included = index < plan.includedLeads;
    const amount = included ? 0 : lead.priceCents;
    lead.invoiceLineId = lineId;
    total += amount;
    const name = `Lead: ${lead.category.replaceAll("_", " ")} (${lead.address.zip})`;
    context.buffers.invoice_lines.add([
      lineId,
      input.tenantId,
      input.invoiceId,
      "lead",
      included ? `${name} — included in plan (${index + 1} of ${plan.includedLeads})` : name,
      1,
      amount,
      amount,
      lead.id,
      included,
      issued,
    ]);
  }
  return total;
}

function payment(
  context: DemoContext,
  random: Random,
  input: { tenantId: string; invoiceId: string; amount: number; at: number; failure?: string },
): void {
  const at = new Date(input.at);
  context.buffers.payments.add([
    random.uuid7(input.at),
    input.tenantId,
    input.invoiceId,
    input.failure ? "failed" : "succeeded",
    input.amount,
    "USD",
    input.failure ?? null,
    input.failure ? null : `ch_demo_${input.invoiceId.slice(-12)}`,
    at,
    at,
  ]);
}

/** Normal collection: card charged at issue (sometimes retried), or paid by hand within a few weeks. */
function settle(
  context: DemoContext,
  random: Random,
  input: {
    tenantId: string;
    invoiceId: string;
    issuedAt: number;
    amount: number;
    behavior: PaymentBehavior;
    /** The card is declined first (a slipping tenant's card, or the odd expired one). */
    failsFirst?: boolean;
    /** Retries fail until then; paid by hand a few days later. */
    paysAfter?: number;
  },
): InvoiceState {
  const { issuedAt } = input;
  let paidAt = issuedAt + random.int(1, 6) * HOUR_MS;
  let retryAttempts = 0;
  if (input.paysAfter !== undefined) {
    const reason = random.pick(FAILURE_REASONS);
    for (const days of RETRY_DAYS) {
      const at = issuedAt + days * DAY_MS + random.int(1, 5) * HOUR_MS;
      if (at > context.now || at > input.paysAfter) break;
      payment(context, random, { ...input, at, failure: reason });
      retryAttempts += 1;
    }
    paidAt = Math.max(input.paysAfter, issuedAt + NET_DAYS * DAY_MS) + random.int(1, 10) * DAY_MS;
  } else if (input.failsFirst || random.chance(0.03)) {
    payment(context, random, { ...input, at: issuedAt, failure: random.pick(FAILURE_REASONS) });
    retryAttempts = 1;
    paidAt = issuedAt + random.int(3, 7) * DAY_MS;
  } else if (input.behavior === "manual") {
    // Mostly within the 14 days, now and then a week or two late.
    paidAt = issuedAt + (random.chance(0.15) ? random.int(15, 30) : random.int(2, 13)) * DAY_MS;
  }
  if (paidAt > context.now) {
    const overdue = issuedAt + NET_DAYS * DAY_MS < context.now;
    return {
      status: "open",
      paidAt: null,
      retryAttempts,
      nextRetryAt: retryAttempts > 0 ? paidAt : null,
      lastReminderAt: overdue ? issuedAt + (NET_DAYS + 1) * DAY_MS : null,
    };
  }
  payment(context, random, { ...input, at: paidAt });
  return { status: "paid", paidAt, retryAttempts, nextRetryAt: null, lastReminderAt: null };
}

/** Payment Retries that keep failing: open while the tenant is live, uncollectible once it churned. */
function unpaid(
  context: DemoContext,
  random: Random,
  input: { tenantId: string; invoiceId: string; issuedAt: number; amount: number; churned: boolean },
): InvoiceState {
  const attempts = RETRY_DAYS.map((days) => input.issuedAt + days * DAY_MS + random.int(1, 5) * HOUR_MS);
  const made = attempts.filter((at) => at <= context.now);
  const reason = random.pick(FAILURE_REASONS);
  for (const at of made) payment(context, random, { ...input, at, failure: reason });
  const last = made[made.length - 1] ?? null;
  return {
    status: input.churned ? "uncollectible" : "open",
    paidAt: null,
    retryAttempts: made.length,
    nextRetryAt: input.churned ? null : (attempts.find((at) => at > context.now) ?? null),
    lastReminderAt: last,
  };
}
