import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { invoiceLines, subscriptionEvents, subscriptions } from "./billing";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { LEAD_SOURCES } from "./enums";
import { plans } from "./plans";
import { tenants } from "./tenancy";

export const SUBSCRIPTION_CHANGE_KINDS = ["change", "cancel"] as const;

/**
 * A subscription change scheduled for a later instant (a downgrade or a cancellation at period
 * end). The invoice job applies it when it closes the period; reactivating withdraws it.
 */
export const subscriptionChanges = pgTable(
  "subscription_changes",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: SUBSCRIPTION_CHANGE_KINDS }).notNull(),
    toPlanId: uuid("to_plan_id").references(() => plans.id),
    toQuantity: integer("to_quantity"),
    reason: text("reason"),
    /** The future-dated ledger row this change wrote (removed if the change is withdrawn). */
    eventId: uuid("event_id").references(() => subscriptionEvents.id, { onDelete: "set null" }),
    effectiveAt: at("effective_at").notNull(),
    appliedAt: at("applied_at"),
    withdrawnAt: at("withdrawn_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("subscription_changes_pending_idx")
      .on(t.subscriptionId, t.effectiveAt)
      .where(sql`applied_at is null and withdrawn_at is null`),
    check("subscription_changes_kind_check", oneOf("kind", SUBSCRIPTION_CHANGE_KINDS)),
    check("subscription_changes_quantity_check", sql`to_quantity is null or to_quantity > 0`),
  ],
);

/**
 * A prorated amount owed (positive) or returned (negative) for a mid-period plan change, waiting
 * for the invoice of that period; invoice_line_id is set once it is on an invoice.
 */
export const subscriptionProrations = pgTable(
  "subscription_prorations",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    subscriptionId: uuid("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    description: text("description").notNull(),
    amountCents: integer("amount_cents").notNull(),
    periodStart: at("period_start").notNull(),
    periodEnd: at("period_end").notNull(),
    invoiceLineId: uuid("invoice_line_id").references(() => invoiceLines.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("subscription_prorations_pending_idx").on(t.subscriptionId).where(sql`invoice_line_id is null`)],
);

/** Monthly acquisition spend per channel (lead source), entered by staff: the CAC in LTV:CAC. */
export const acquisitionSpend = pgTable(
  "acquisition_spend",
  {
    id: id(),
    month: date("month", { mode: "string" }).notNull(),
    channel: text("channel", { enum: LEAD_SOURCES }).notNull(),
    amountCents: integer("amount_cents").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("acquisition_spend_month_channel_key").on(t.month, t.channel),
    check("acquisition_spend_channel_check", oneOf("channel", LEAD_SOURCES)),
    check("acquisition_spend_amount_check", sql`amount_cents >= 0`),
    check("acquisition_spend_month_check", sql`extract(day from month) = 1`),
  ],
);

/**
 * Each client's leads per source, counted by the nightly snapshot job up to `counted_before` (the
 * end of its latest day): a segment's "main lead source" is these counts plus the leads received
 * since, instead of counting every lead of every client on each request.
 */
export const tenantLeadSources = pgTable(
  "tenant_lead_sources",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    source: text("source", { enum: LEAD_SOURCES }).notNull(),
    leads: integer("leads").notNull(),
    countedBefore: at("counted_before").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.source] }),
    check("tenant_lead_sources_source_check", oneOf("source", LEAD_SOURCES)),
  ],
);
