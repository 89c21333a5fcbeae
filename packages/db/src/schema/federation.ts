import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { at, createdAt, id, oneOf, updatedAt } from "./columns";
import { OIDC_STATUSES, TENANT_ROLES } from "./enums";
import { tenants } from "./tenancy";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    scopes: jsonb("scopes").$type<string[]>().notNull().default([]),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    lastUsedAt: at("last_used_at"),
    expiresAt: at("expires_at"),
    revokedAt: at("revoked_at"),
    rateLimitPerMinute: integer("rate_limit_per_minute"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.hash),
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    index("api_keys_tenant_idx").on(t.tenantId, t.createdAt),
    check("api_keys_rate_limit_check", sql`rate_limit_per_minute is null or rate_limit_per_minute > 0`),
  ],
);

export const oidcConnections = pgTable(
  "oidc_connections",
  {
    id: id(),
    // Null = staff SSO into the Provider Portal.
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    issuer: text("issuer").notNull(),
    discovery: jsonb("discovery").$type<Record<string, unknown>>(),
    clientId: text("client_id").notNull(),
    clientSecretCiphertext: text("client_secret_ciphertext").notNull(),
    clientSecretKeyId: text("client_secret_key_id").notNull(),
    clientSecretLast4: text("client_secret_last4").notNull(),
    emailDomains: jsonb("email_domains").$type<string[]>().notNull().default([]),
    defaultRole: text("default_role", { enum: TENANT_ROLES }).notNull().default("technician"),
    status: text("status", { enum: OIDC_STATUSES }).notNull().default("draft"),
    lastTestedAt: at("last_tested_at"),
    lastTestPassed: text("last_test_result"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("oidc_connections_tenant_idx").on(t.tenantId),
    check("oidc_connections_status_check", oneOf("status", OIDC_STATUSES)),
    check("oidc_connections_role_check", oneOf("default_role", TENANT_ROLES)),
  ],
);

/**
 * Which connection owns each email domain: a domain belongs to at most one connection (draft or
 * enabled, any tenant or staff), so no identity provider can sign in another one's users. A domain
 * is used to create users and memberships only once its owner proved control of it with a DNS TXT
 * record carrying `verification_token` (verified_at set).
 */
export const oidcConnectionDomains = pgTable(
  "oidc_connection_domains",
  {
    domain: text("domain").primaryKey(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => oidcConnections.id, { onDelete: "cascade" }),
    verificationToken: text("verification_token").notNull(),
    verifiedAt: at("verified_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("oidc_connection_domains_connection_idx").on(t.connectionId),
    check("oidc_connection_domains_lower_check", sql`domain = lower(domain)`),
  ],
);

export const oidcConnectionTests = pgTable(
  "oidc_connection_tests",
  {
    id: id(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => oidcConnections.id, { onDelete: "cascade" }),
    passed: text("passed").notNull(),
    checks: jsonb("checks").$type<{ name: string; ok: boolean; detail?: string }[]>().notNull(),
    testedBy: text("tested_by"),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("oidc_connection_tests_connection_idx").on(t.connectionId, t.at),
    check("oidc_connection_tests_passed_check", sql`passed in ('pass', 'fail')`),
  ],
);

export const ssoLoginTraces = pgTable(
  "sso_login_traces",
  {
    id: id(),
    connectionId: uuid("connection_id").references(() => oidcConnections.id, { onDelete: "cascade" }),
    email: text("email"),
    stage: text("stage").notNull(),
    error: text("error").notNull(),
    requestId: text("request_id"),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [index("sso_login_traces_connection_idx").on(t.connectionId, t.at)],
);

/** The runbook's federation model: an external identity or data provider the platform trusts. */
export const providerIntegrations = pgTable(
  "provider_integrations",
  {
    id: id(),
    kind: text("kind").notNull(),
    name: text("name").notNull(),
    oidcConnectionId: uuid("oidc_connection_id").references(() => oidcConnections.id, { onDelete: "set null" }),
    status: text("status").notNull().default("active"),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [check("provider_integrations_status_check", sql`status in ('active', 'disabled')`)],
);
