import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { ONBOARDING_STATUSES, STAFF_ROLES, STAFF_STATUSES, TENANT_ROLES, TENANT_STATUSES, TRADES } from "./enums";
import { plans } from "./plans";

export const organizations = pgTable("organizations", {
  id: id(),
  name: text("name").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type ServiceArea = { zip?: string; city?: string; state?: string; radiusMiles?: number };
export type BusinessHours = Record<string, { open: string; close: string } | null>;
/** The tenant's lead pipeline, in order, set by onboarding's "Pipelines & Workflows" step. */
export type PipelineStage = { key: string; label: string };
/** Which lead sources the tenant takes leads from, set by onboarding's "Lead Sources" step. */
export type LeadIntake = { web: boolean; phone: boolean; imports: boolean; marketplace: boolean };

export const tenants = pgTable(
  "tenants",
  {
    id: id(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    status: text("status", { enum: TENANT_STATUSES }).notNull().default("trial"),
    trade: text("trade", { enum: TRADES }).notNull(),
    serviceAreas: jsonb("service_areas").$type<ServiceArea[]>().notNull().default([]),
    region: text("region"),
    timezone: text("timezone").notNull().default("America/New_York"),
    // The one currency every amount of this tenant is in (plan, coupons, lead prices, credits, invoices).
    currency: text("currency").notNull().default("USD"),
    planId: uuid("plan_id").references(() => plans.id),
    csmUserId: text("csm_user_id").references(() => users.id, { onDelete: "set null" }),
    onboardingStatus: text("onboarding_status", { enum: ONBOARDING_STATUSES }).notNull().default("not_started"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    billingEmail: text("billing_email"),
    businessHours: jsonb("business_hours").$type<BusinessHours>(),
    pipelineStages: jsonb("pipeline_stages").$type<PipelineStage[]>(),
    leadIntake: jsonb("lead_intake").$type<LeadIntake>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tenants_slug_key").on(t.slug),
    index("tenants_org_idx").on(t.orgId),
    index("tenants_status_idx").on(t.status, t.createdAt),
    index("tenants_plan_idx").on(t.planId),
    index("tenants_name_lower_idx").using("btree", sql`lower(${t.name})`),
    check("tenants_status_check", oneOf("status", TENANT_STATUSES)),
    check("tenants_trade_check", oneOf("trade", TRADES)),
    check("tenants_currency_check", sql`currency ~ '^[A-Z]{3}$'`),
    check("tenants_onboarding_status_check", oneOf("onboarding_status", ONBOARDING_STATUSES)),
    check("tenants_slug_format", sql`slug ~ '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$'`),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: TENANT_ROLES }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("memberships_tenant_user_key").on(t.tenantId, t.userId),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_check", oneOf("role", TENANT_ROLES)),
  ],
);

/** Pending invitations into a tenant's team; accepted on first sign-in with the invited email. */
export const tenantInvitations = pgTable(
  "tenant_invitations",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: text("role", { enum: TENANT_ROLES }).notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: at("accepted_at"),
    expiresAt: at("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("tenant_invitations_open_key").on(t.tenantId, sql`lower(${t.email})`).where(sql`accepted_at is null`),
    check("tenant_invitations_role_check", oneOf("role", TENANT_ROLES)),
  ],
);

/** Provider staff: a user with a staff role may use the Provider Portal. */
export const staffMembers = pgTable(
  "staff_members",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    status: text("status", { enum: STAFF_STATUSES }).notNull().default("active"),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    deactivatedAt: at("deactivated_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("staff_members_user_key").on(t.userId),
    check("staff_members_role_check", oneOf("role", STAFF_ROLES)),
    check("staff_members_status_check", oneOf("status", STAFF_STATUSES)),
  ],
);
