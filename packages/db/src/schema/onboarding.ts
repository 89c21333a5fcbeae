import { sql } from "drizzle-orm";
import { check, customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { INTEGRATION_KINDS, INTEGRATION_STATUSES, ONBOARDING_STATUSES, TRADES } from "./enums";
import { tenants } from "./tenancy";

export type OnboardingStepTemplate = {
  key: string;
  title: string;
  required: boolean;
  weight: number;
  fields: Record<string, unknown>;
};
export type OnboardingSectionTemplate = { key: string; title: string; steps: OnboardingStepTemplate[] };
export type OnboardingStepState = {
  status: "not_started" | "draft" | "completed";
  values: Record<string, unknown>;
  completedBy?: string;
  completedAt?: string;
  updatedAt?: string;
};

export const onboardingTemplates = pgTable(
  "onboarding_templates",
  {
    id: id(),
    trade: text("trade", { enum: TRADES }).notNull(),
    version: integer("version").notNull(),
    sections: jsonb("sections").$type<OnboardingSectionTemplate[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("onboarding_templates_trade_version_key").on(t.trade, t.version),
    check("onboarding_templates_trade_check", oneOf("trade", TRADES)),
  ],
);

export const tenantOnboarding = pgTable(
  "tenant_onboarding",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    templateId: uuid("template_id")
      .notNull()
      .references(() => onboardingTemplates.id),
    status: text("status", { enum: ONBOARDING_STATUSES }).notNull().default("not_started"),
    checklist: jsonb("checklist").$type<Record<string, OnboardingStepState>>().notNull().default({}),
    // Optimistic concurrency: a save names the version it read; a stale one gets a 409.
    version: integer("version").notNull().default(1),
    readinessScore: integer("readiness_score").notNull().default(0),
    startedAt: at("started_at"),
    completedAt: at("completed_at"),
    goLiveAt: at("go_live_at"),
    lastProgressAt: at("last_progress_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tenant_onboarding_tenant_key").on(t.tenantId),
    index("tenant_onboarding_status_idx").on(t.status),
    check("tenant_onboarding_status_check", oneOf("status", ONBOARDING_STATUSES)),
    check("tenant_onboarding_readiness_check", sql`readiness_score between 0 and 100`),
  ],
);

export const tenantIntegrations = pgTable(
  "tenant_integrations",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: INTEGRATION_KINDS }).notNull(),
    status: text("status", { enum: INTEGRATION_STATUSES }).notNull().default("not_configured"),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    credentialsCiphertext: text("credentials_ciphertext"),
    credentialsKeyId: text("credentials_key_id"),
    lastCheckedAt: at("last_checked_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tenant_integrations_tenant_kind_key").on(t.tenantId, t.kind),
    check("tenant_integrations_kind_check", oneOf("kind", INTEGRATION_KINDS)),
    check("tenant_integrations_status_check", oneOf("status", INTEGRATION_STATUSES)),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** The image types a tenant logo may be (checked by magic bytes): no SVG, so a logo can never carry script. */
export const LOGO_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const LOGO_MAX_BYTES = 512 * 1024;

/** A tenant's logo (Branding step), one per tenant, kept in the database beside the rest of the branding. */
export const tenantLogos = pgTable(
  "tenant_logos",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    contentType: text("content_type", { enum: LOGO_CONTENT_TYPES }).notNull(),
    bytes: bytea("bytes").notNull(),
    byteSize: integer("byte_size").notNull(),
    /** Hex SHA-256 of the bytes: the ETag and the cache-busting part of the logo URL. */
    sha256: text("sha256").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tenant_logos_tenant_key").on(t.tenantId),
    check("tenant_logos_content_type_check", oneOf("content_type", LOGO_CONTENT_TYPES)),
    check(
      "tenant_logos_size_check",
      sql`byte_size > 0 and byte_size <= ${sql.raw(String(LOGO_MAX_BYTES))} and byte_size = octet_length(bytes)`,
    ),
  ],
);
