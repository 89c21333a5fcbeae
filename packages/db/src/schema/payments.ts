import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./columns";
import { tenants } from "./tenancy";

/**
 * A tenant's Stripe customer (created once, then reused: both columns are unique) and the card on
 * file. Only what staff and the owner are shown is kept — brand, last 4, expiry; the card itself
 * stays at Stripe. `card_set_at` is the Stripe `created` time of the setup that saved the card, so
 * an older event arriving late never replaces a newer card.
 */
export const stripeCustomers = pgTable(
  "stripe_customers",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    customerId: text("customer_id").notNull(),
    paymentMethodId: text("payment_method_id"),
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
    cardExpMonth: integer("card_exp_month"),
    cardExpYear: integer("card_exp_year"),
    cardSetAt: at("card_set_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stripe_customers_tenant_key").on(t.tenantId),
    uniqueIndex("stripe_customers_customer_key").on(t.customerId),
    check("stripe_customers_last4_check", sql`card_last4 is null or card_last4 ~ '^[0-9]{4}$'`),
    check("stripe_customers_exp_check", sql`card_exp_month is null or card_exp_month between 1 and 12`),
  ],
);

/** Stripe's dispute statuses that still ask something of staff (evidence, or a decision pending). */
export const OPEN_CARD_DISPUTE_STATUSES = [
  "warning_needs_response",
  "warning_under_review",
  "needs_response",
  "under_review",
] as const;

/**
 * A card chargeback on one of our charges, as Stripe last reported it (`charge.dispute.*`): the
 * Action Center lists the open ones until Stripe closes them (won, lost, warning_closed).
 */
export const cardDisputes = pgTable(
  "card_disputes",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    invoiceId: uuid("invoice_id").notNull(),
    paymentId: uuid("payment_id").notNull(),
    disputeId: text("dispute_id").notNull(),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull(),
    reason: text("reason").notNull(),
    status: text("status").notNull(),
    evidenceDueBy: at("evidence_due_by"),
    /** Stripe's `created` time of the event last applied: an older event never overwrites a newer state. */
    reportedAt: at("reported_at").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("card_disputes_dispute_key").on(t.disputeId),
    index("card_disputes_open_idx")
      .on(t.createdAt)
      .where(sql`status in ('warning_needs_response', 'warning_under_review', 'needs_response', 'under_review')`),
  ],
);
