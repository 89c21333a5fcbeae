import { apiKeys } from "@pp/db/schema";
import { API_KEY_SCOPES, type ApiKeyScope, type ApiKeyStatus } from "./api-key-scopes";

/** A key as lists and the create result show it: never its secret or hash. */
export type ApiKeySummary = {
  id: string;
  tenant: { id: string; name: string; slug: string };
  name: string;
  /** `pp_live_ab12cd34`: the visible start of the key. */
  prefix: string;
  scopes: ApiKeyScope[];
  createdBy: { id: string; name: string } | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  status: ApiKeyStatus;
  /** Requests per minute for this key; null = the tenant's limit applies. */
  rateLimitPerMinute: number | null;
};

type KeyState = { revokedAt: Date | null; expiresAt: Date | null };

export function apiKeyStatusOf(key: KeyState, now: Date): ApiKeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

/** The columns a summary is built from (the select list of every key query). */
export const API_KEY_SUMMARY_COLUMNS = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  rateLimitPerMinute: apiKeys.rateLimitPerMinute,
};

type SummaryRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number | null;
  tenant: { id: string; name: string; slug: string };
  createdBy: { id: string; name: string } | null;
};

export function toApiKeySummary(row: SummaryRow, now: Date): ApiKeySummary {
  return {
    id: row.id,
    tenant: row.tenant,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter(isApiKeyScope),
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    status: apiKeyStatusOf(row, now),
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

/** What the audit trail keeps of a key: who, what and limits, never secret material. */
export function auditedKey(summary: ApiKeySummary) {
  return {
    tenantId: summary.tenant.id,
    name: summary.name,
    prefix: summary.prefix,
    scopes: summary.scopes,
    expiresAt: summary.expiresAt,
    rateLimitPerMinute: summary.rateLimitPerMinute,
    status: summary.status,
  };
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
