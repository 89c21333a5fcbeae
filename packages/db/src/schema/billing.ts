import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import {
  INVOICE_LINE_KINDS,
  INVOICE_STATUSES,
  MRR_MOVEMENTS,
  PAYMENT_STATUSES,
  REFUND_STATUSES,
  SUBSCRIPTION_STATUSES,
} from "./enums";
import { coupons, plans } from "./plans";
import { tenants } from "./tenancy";

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    status: text("status", { enum: SUBSCRIPTION_STATUSES }).notNull(),
    currentPeriodStart: at("current_period_start").notNull(),
    currentPeriodEnd: at("current_period_end").notNull(),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    trialEnd: at("trial_end"),
    canceledAt: at("canceled_at"),
    quantity: integer("quantity").notNull().default(1),
    couponId: uuid("coupon_id").references(() => coupons.id),
    couponAppliedAt: at("coupon_applied_at"),
    mrrCents: integer("mrr_cents").notNull().default(0),
    currency: text("currency").notNull().default("USD"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("subscriptions_tenant_idx").on(t.tenantId, t.status),
    index("subscriptions_period_end_idx").on(t.currentPeriodEnd).where(sql`status in ('active', 'trialing')`),
    check("subscriptions_status_check", oneOf("status", SUBSCRIPTION_STATUSES)),
    check("subscriptions_amounts_check", sql`mrr_cents >= 0 and quantity > 0`),
    check("subscriptions_period_check", sql`current_period_end > current_period_start`),
  ],
);

/** The MRR ledger: every revenue metric derives from these movements. */
export const subscriptionEvents = pgTable(
  "subscription_events",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    type: text("type", { enum: MRR_MOVEMENTS }).notNull(),
    fromPlanId: uuid("from_plan_id").references(() => plans.id),
    toPlanId: uuid("to_plan_id").references(() => plans.id),
    mrrBeforeCents: integer("mrr_before_cents").notNull(),
    mrrAfterCents: integer("mrr_after_cents").notNull(),
    effectiveAt: at("effective_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("subscription_events_effective_idx").on(t.effectiveAt),
    index("subscription_events_tenant_idx").on(t.tenantId, t.effectiveAt),
    check("subscription_events_type_check", oneOf("type", MRR_MOVEMENTS)),
    check("subscription_events_amounts_check", sql`mrr_before_cents >= 0 and mrr_after_cents >= 0`),
  ],
);

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id").references(() => subscriptions.id),
    number: text("number").notNull(),
    status: text("status", { enum: INVOICE_STATUSES }).notNull().default("draft"),
    currency: text("currency").notNull().default("USD"),
    periodStart: at("period_start").notNull(),
    periodEnd: at("period_end").notNull(),
    subtotalCents: integer("subtotal_cents").notNull().default(0),
    discountCents: integer("discount_cents").notNull().default(0),
    creditCents: integer("credit_cents").notNull().default(0),
    totalCents: integer("total_cents").notNull().default(0),
    amountPaidCents: integer("amount_paid_cents").notNull().default(0),
    amountDueCents: integer("amount_due_cents").notNull().default(0),
    issuedAt: at("issued_at"),
    dueAt: at("due_at"),
    paidAt: at("paid_at"),
    voidedAt: at("voided_at"),
    // Written off by a person (staff "Write off"): no longer money owed, though never paid.
    writtenOffAt: at("written_off_at"),
    writtenOffBy: text("written_off_by"),
    // Payment Retries (dunning) state.
    retryAttempts: integer("retry_attempts").notNull().default(0),
    nextRetryAt: at("next_retry_at"),
    lastReminderAt: at("last_reminder_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("invoices_number_key").on(t.number),
    index("invoices_tenant_idx").on(t.tenantId, t.periodStart),
    // The nightly metrics snapshot reads the usage revenue of the invoices whose period starts that day.
    index("invoices_period_start_idx").on(t.periodStart),
    index("invoices_overdue_idx")
      .on(t.dueAt)
      .where(sql`status in ('open', 'uncollectible') and written_off_at is null`),
    index("invoices_next_retry_idx").on(t.nextRetryAt).where(sql`next_retry_at is not null`),
    check("invoices_status_check", oneOf("status", INVOICE_STATUSES)),
    check(
      "invoices_amounts_check",
      sql`subtotal_cents >= 0 and discount_cents >= 0 and credit_cents >= 0 and total_cents >= 0
      and amount_paid_cents >= 0 and amount_due_cents >= 0 and retry_attempts >= 0`,
    ),
    check("invoices_period_check", sql`period_end >= period_start`),
    check("invoices_currency_check", sql`currency ~ '^[A-Z]{3}$'`),
    check("invoices_written_off_check", sql`written_off_at is null or status = 'uncollectible'`),
  ],
);

export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INVOICE_LINE_KINDS }).notNull(),
    description: text("description").notNull(),
    quantity: integer("quantity").notNull().default(1),
    unitAmountCents: integer("unit_amount_cents").notNull(),
    // Credits and downward adjustments are negative; everything else positive.
    amountCents: integer("amount_cents").notNull(),
    leadId: uuid("lead_id"),
    // A lead line covered by the plan's included leads of the period (charged 0).
    included: boolean("included").notNull().default(false),
    // A credit line that applies a carried-forward tenant credit (not a new credit for its lead).
    tenantCreditId: uuid("tenant_credit_id"),
    createdAt: createdAt(),
  },
  (t) => [
    index("invoice_lines_invoice_idx").on(t.invoiceId),
    index("invoice_lines_tenant_credit_idx").on(t.tenantCreditId).where(sql`tenant_credit_id is not null`),
    index("invoice_lines_lead_idx").on(t.leadId).where(sql`lead_id is not null`),
    check("invoice_lines_kind_check", oneOf("kind", INVOICE_LINE_KINDS)),
    check(
      "invoice_lines_sign_check",
      sql`(kind = 'credit' and amount_cents <= 0) or (kind in ('subscription', 'lead') and amount_cents >= 0) or kind = 'adjustment'`,
    ),
    check("invoice_lines_quantity_check", sql`quantity > 0`),
    check("invoice_lines_included_check", sql`not included or (kind = 'lead' and amount_cents = 0)`),
    check("invoice_lines_tenant_credit_check", sql`tenant_credit_id is null or kind = 'credit'`),
  ],
);

export const payments = pgTable(
  "payments",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    status: text("status", { enum: PAYMENT_STATUSES }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    failureReason: text("failure_reason"),
    externalId: text("external_id"),
    attemptedAt: at("attempted_at").notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index("payments_invoice_idx").on(t.invoiceId),
    index("payments_failed_idx").on(t.attemptedAt).where(sql`status = 'failed'`),
    // One row per card charge (a PaymentIntent): the synchronous answer and its webhook never both record it.
    uniqueIndex("payments_payment_intent_key").on(t.externalId, t.status).where(sql`external_id ~ '^pi_'`),
    check("payments_status_check", oneOf("status", PAYMENT_STATUSES)),
    check("payments_amount_check", sql`amount_cents > 0`),
    check("payments_reason_check", sql`status = 'succeeded' or failure_reason is not null`),
  ],
);

/**
 * Money sent back to the card a payment came from (Stripe refunds). A refund staff chose on a
 * dispute decision pays out that dispute's tenant credit (`tenant_credits.refund_id` names it);
 * one made in Stripe's dashboard arrives by the `charge.refunded` webhook with no dispute.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    paymentId: uuid("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id").notNull(),
    /** The lead dispute whose decision asked for it; null when it was made in Stripe's dashboard. */
    leadDisputeId: uuid("lead_dispute_id"),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    stripeRefundId: text("stripe_refund_id").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("refunds_stripe_refund_key").on(t.stripeRefundId),
    uniqueIndex("refunds_lead_dispute_key").on(t.leadDisputeId).where(sql`lead_dispute_id is not null`),
    index("refunds_payment_idx").on(t.paymentId),
    check("refunds_amount_check", sql`amount_cents > 0`),
    check("refunds_status_check", oneOf("status", REFUND_STATUSES)),
    check("refunds_currency_check", sql`currency ~ '^[A-Z]{3}$'`),
  ],
);

/**
 * The tenant credit ledger: credit carried forward (a dispute approved on an already paid invoice,
 * or a credit larger than what its invoice still had due) until an invoice uses it. Every cent of
 * credit issued is in exactly one row: applied (`applied_invoice_id`), refunded to the card
 * (`refund_id`), or still open — never two of these. A partly used credit is split into an applied row and an open row (`split_from_id` names the original).
 */
export const tenantCredits = pgTable(
  "tenant_credits",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    reason: text("reason").notNull(),
    sourceLeadId: uuid("source_lead_id"),
    splitFromId: uuid("split_from_id"),
    appliedInvoiceId: uuid("applied_invoice_id").references(() => invoices.id),
    refundId: uuid("refund_id").references(() => refunds.id),
    expiresAt: at("expires_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("tenant_credits_open_idx").on(t.tenantId).where(sql`applied_invoice_id is null and refund_id is null`),
    uniqueIndex("tenant_credits_refund_key").on(t.refundId).where(sql`refund_id is not null`),
    check("tenant_credits_amount_check", sql`amount_cents > 0`),
    check("tenant_credits_currency_check", sql`currency ~ '^[A-Z]{3}$'`),
    check("tenant_credits_used_once_check", sql`applied_invoice_id is null or refund_id is null`),
  ],
);
