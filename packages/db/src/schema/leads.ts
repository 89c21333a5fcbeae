import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { invoiceLines } from "./billing";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { DISPUTE_REASONS, DISPUTE_STATUSES, LEAD_BILLING_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from "./enums";
import { tenants } from "./tenancy";

export type LeadContact = { name: string; phone?: string; email?: string };
export type ServiceAddress = { line1?: string; city?: string; state?: string; zip: string };

export const leads = pgTable(
  "leads",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    source: text("source", { enum: LEAD_SOURCES }).notNull(),
    category: text("category").notNull(),
    status: text("status", { enum: LEAD_STATUSES }).notNull().default("new"),
    // The tenant's pipeline stage key (tenants.pipeline_stages); null = derived from status.
    stage: text("stage"),
    // What the job was worth to the contractor, recorded when the lead is marked won.
    wonValueCents: integer("won_value_cents"),
    contact: jsonb("contact").$type<LeadContact>().notNull(),
    serviceAddress: jsonb("service_address").$type<ServiceAddress>().notNull(),
    description: text("description"),
    priceCents: integer("price_cents").notNull(),
    billingStatus: text("billing_status", { enum: LEAD_BILLING_STATUSES }).notNull().default("billable"),
    invoiceLineId: uuid("invoice_line_id").references(() => invoiceLines.id, { onDelete: "set null" }),
    // Same homeowner + address + job type: used for duplicate detection and automatic dispute approval.
    dedupeKey: text("dedupe_key"),
    externalId: text("external_id"),
    receivedAt: at("received_at").notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("leads_tenant_received_idx").on(t.tenantId, t.receivedAt),
    // The staff lead list across clients: newest first, keyset on (received_at, id).
    index("leads_received_idx").on(t.receivedAt, t.id),
    index("leads_tenant_dedupe_idx").on(t.tenantId, t.dedupeKey, t.receivedAt),
    index("leads_invoice_line_idx").on(t.invoiceLineId).where(sql`invoice_line_id is not null`),
    index("leads_uninvoiced_idx").on(t.tenantId).where(sql`invoice_line_id is null and billing_status = 'billable'`),
    uniqueIndex("leads_tenant_external_key").on(t.tenantId, t.externalId).where(sql`external_id is not null`),
    check("leads_source_check", oneOf("source", LEAD_SOURCES)),
    check("leads_status_check", oneOf("status", LEAD_STATUSES)),
    check("leads_billing_status_check", oneOf("billing_status", LEAD_BILLING_STATUSES)),
    check("leads_price_check", sql`price_cents >= 0`),
    check("leads_won_value_check", sql`won_value_cents is null or won_value_cents >= 0`),
  ],
);

export const attributions = pgTable(
  "attributions",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    channel: text("channel").notNull(),
    campaign: text("campaign"),
    costCents: integer("cost_cents").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("attributions_lead_key").on(t.leadId), check("attributions_cost_check", sql`cost_cents >= 0`)],
);

export const leadDisputes = pgTable(
  "lead_disputes",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    reasonCode: text("reason_code", { enum: DISPUTE_REASONS }).notNull(),
    evidenceNote: text("evidence_note"),
    status: text("status", { enum: DISPUTE_STATUSES }).notNull().default("pending"),
    raisedBy: text("raised_by").references(() => users.id, { onDelete: "set null" }),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: at("decided_at"),
    decisionNote: text("decision_note"),
    autoApproved: text("auto_approved_rule"),
    creditCents: integer("credit_cents").notNull().default(0),
    creditLineId: uuid("credit_line_id").references(() => invoiceLines.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One dispute per lead; a rejected dispute is final.
    uniqueIndex("lead_disputes_lead_key").on(t.leadId),
    index("lead_disputes_pending_idx").on(t.createdAt).where(sql`status = 'pending'`),
    index("lead_disputes_tenant_idx").on(t.tenantId, t.createdAt),
    // The nightly metrics snapshot counts each day's disputes across clients.
    index("lead_disputes_created_idx").on(t.createdAt),
    index("lead_disputes_credit_line_idx").on(t.creditLineId).where(sql`credit_line_id is not null`),
    index("lead_disputes_raised_by_idx").on(t.raisedBy),
    index("lead_disputes_decided_by_idx").on(t.decidedBy),
    check("lead_disputes_reason_check", oneOf("reason_code", DISPUTE_REASONS)),
    check("lead_disputes_status_check", oneOf("status", DISPUTE_STATUSES)),
    check("lead_disputes_decision_check", sql`(status = 'pending') = (decided_at is null)`),
    check("lead_disputes_credit_check", sql`credit_cents >= 0`),
  ],
);

export const leadReclassifications = pgTable(
  "lead_reclassifications",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    fromCategory: text("from_category").notNull(),
    toCategory: text("to_category").notNull(),
    fromPriceCents: integer("from_price_cents").notNull(),
    toPriceCents: integer("to_price_cents").notNull(),
    reason: text("reason").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("lead_reclassifications_lead_idx").on(t.leadId, t.createdAt),
    index("lead_reclassifications_actor_idx").on(t.actorId),
    check("lead_reclassifications_price_check", sql`from_price_cents >= 0 and to_price_cents >= 0`),
    check("lead_reclassifications_change_check", sql`from_category <> to_category`),
  ],
);

/**
 * Price of a lead per trade × category, in `currency`; reclassification moves a lead between rows of
 * this table. A category without its own price (null, or priced in another currency than the
 * tenant's) is charged at the plan's per-lead price.
 */
export const leadCategories = pgTable(
  "lead_categories",
  {
    id: id(),
    trade: text("trade").notNull(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    priceCents: integer("price_cents"),
    currency: text("currency").notNull().default("USD"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("lead_categories_trade_code_key").on(t.trade, t.code),
    check("lead_categories_price_check", sql`price_cents is null or price_cents >= 0`),
    check("lead_categories_currency_check", sql`currency ~ '^[A-Z]{3}$'`),
  ],
);
