import { sql } from "drizzle-orm";
import { check, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { COUPON_DURATIONS, PLAN_INTERVALS } from "./enums";

export const plans = pgTable(
  "plans",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull().default("USD"),
    interval: text("interval", { enum: PLAN_INTERVALS }).notNull().default("month"),
    includedLeads: integer("included_leads").notNull().default(0),
    pricePerLeadCents: integer("price_per_lead_cents").notNull().default(0),
    apiRateLimitPerMinute: integer("api_rate_limit_per_minute").notNull().default(60),
    features: jsonb("features").$type<string[]>().notNull().default([]),
    archivedAt: at("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("plans_code_key").on(t.code),
    check("plans_price_check", sql`price_cents >= 0 and price_per_lead_cents >= 0 and included_leads >= 0`),
    check("plans_rate_limit_check", sql`api_rate_limit_per_minute > 0`),
    check("plans_interval_check", oneOf("interval", PLAN_INTERVALS)),
    check("plans_currency_check", sql`currency ~ '^[A-Z]{3}$'`),
  ],
);

export const coupons = pgTable(
  "coupons",
  {
    id: id(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    percentOff: integer("percent_off"),
    amountOffCents: integer("amount_off_cents"),
    currency: text("currency").notNull().default("USD"),
    duration: text("duration", { enum: COUPON_DURATIONS }).notNull().default("once"),
    durationInMonths: integer("duration_in_months"),
    maxRedemptions: integer("max_redemptions"),
    timesRedeemed: integer("times_redeemed").notNull().default(0),
    expiresAt: at("expires_at"),
    archivedAt: at("archived_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("coupons_code_key").on(t.code),
    // Exactly one kind of discount.
    check(
      "coupons_discount_check",
      sql`(percent_off is not null and amount_off_cents is null and percent_off between 1 and 100)
       or (percent_off is null and amount_off_cents is not null and amount_off_cents > 0)`,
    ),
    check("coupons_duration_check", oneOf("duration", COUPON_DURATIONS)),
    check(
      "coupons_repeating_check",
      sql`(duration = 'repeating') = (duration_in_months is not null and duration_in_months > 0)`,
    ),
    check("coupons_redemptions_check", sql`max_redemptions is null or times_redeemed <= max_redemptions`),
  ],
);
