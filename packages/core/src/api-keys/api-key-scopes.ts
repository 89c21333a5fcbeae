import { z } from "zod";

/** Every scope a key can hold; public API routes each ask for one of these, or none. */
export const API_KEY_SCOPES = ["leads:read", "leads:write", "usage:read"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What each scope lets an integration do, as the create forms show it. */
export const API_KEY_SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "leads:read": "Read leads and their status",
  "leads:write": "Create and update leads",
  "usage:read": "Read API usage and limits",
};

export const ZApiKeyScope = z.enum(API_KEY_SCOPES);

export const API_KEY_STATUSES = ["active", "expired", "revoked"] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];
