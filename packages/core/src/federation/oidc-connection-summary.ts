import { oidcConnections, tenants, users } from "@pp/db/schema";
import type { TenantRole } from "../auth/permissions";

export type OidcConnectionStatus = "draft" | "enabled" | "disabled";
export type OidcTestResult = "pass" | "fail";

/** A connection as every read shows it: the client secret only ever as its last four characters. */
export type OidcConnectionSummary = {
  id: string;
  /** Null = staff SSO into the Provider Portal. */
  tenant: { id: string; name: string; slug: string } | null;
  name: string;
  issuer: string;
  clientId: string;
  /** Redacted: "••••" and the last four characters, so two secrets can be told apart. */
  clientSecret: string;
  emailDomains: string[];
  defaultRole: TenantRole;
  status: OidcConnectionStatus;
  endpoints: { authorization: string | null; token: string | null; jwks: string | null };
  lastTest: { at: Date; result: OidcTestResult } | null;
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
};

export const OIDC_SUMMARY_COLUMNS = {
  id: oidcConnections.id,
  name: oidcConnections.name,
  issuer: oidcConnections.issuer,
  clientId: oidcConnections.clientId,
  clientSecretLast4: oidcConnections.clientSecretLast4,
  emailDomains: oidcConnections.emailDomains,
  defaultRole: oidcConnections.defaultRole,
  status: oidcConnections.status,
  discovery: oidcConnections.discovery,
  lastTestedAt: oidcConnections.lastTestedAt,
  lastTestPassed: oidcConnections.lastTestPassed,
  createdAt: oidcConnections.createdAt,
  updatedAt: oidcConnections.updatedAt,
  tenantId: tenants.id,
  tenantName: tenants.name,
  tenantSlug: tenants.slug,
  creatorId: users.id,
  creatorName: users.name,
};

export type OidcSummaryRow = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretLast4: string;
  emailDomains: string[];
  defaultRole: TenantRole;
  status: OidcConnectionStatus;
  discovery: Record<string, unknown> | null;
  lastTestedAt: Date | null;
  lastTestPassed: string | null;
  createdAt: Date;
  updatedAt: Date;
  tenantId: string | null;
  tenantName: string | null;
  tenantSlug: string | null;
  creatorId: string | null;
  creatorName: string | null;
};

export function redactedSecret(last4: string): string {
  return `••••${last4}`;
}

/** The last four characters kept in the clear; a short secret keeps fewer, so most of it stays hidden. */
export function last4Of(secret: string): string {
  return secret.length >= 16 ? secret.slice(-4) : secret.length >= 8 ? secret.slice(-2) : "";
}

function endpoint(discovery: Record<string, unknown> | null, field: string): string | null {
  const value = discovery?.[field];
  return typeof value === "string" ? value : null;
}

export function toOidcConnectionSummary(row: OidcSummaryRow): OidcConnectionSummary {
  return {
    id: row.id,
    tenant:
      row.tenantId !== null && row.tenantName !== null && row.tenantSlug !== null
        ? { id: row.tenantId, name: row.tenantName, slug: row.tenantSlug }
        : null,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: redactedSecret(row.clientSecretLast4),
    emailDomains: [...row.emailDomains],
    defaultRole: row.defaultRole,
    status: row.status,
    endpoints: {
      authorization: endpoint(row.discovery, "authorization_endpoint"),
      token: endpoint(row.discovery, "token_endpoint"),
      jwks: endpoint(row.discovery, "jwks_uri"),
    },
    lastTest:
      row.lastTestedAt && (row.lastTestPassed === "pass" || row.lastTestPassed === "fail")
        ? { at: row.lastTestedAt, result: row.lastTestPassed }
        : null,
    createdBy: row.creatorId !== null && row.creatorName !== null ? { id: row.creatorId, name: row.creatorName } : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the audit trail keeps of a connection: no secret at all, not even redacted. */
export function auditedConnection(summary: OidcConnectionSummary) {
  const { clientSecret: _secret, endpoints: _endpoints, createdBy: _creator, ...rest } = summary;
  return rest;
}
