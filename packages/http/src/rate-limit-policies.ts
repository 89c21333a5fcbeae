import type { Actor } from "@pp/core/auth/actors";
import { clientIp } from "@pp/core/net/client-ip";
import { DEFAULT_PUBLIC_API_LIMIT } from "@pp/core/usage/api-usage-rate-limit";
import { env } from "@pp/env";

/**
 * What a policy counts by. `user` is whoever acted (a staff or member user id, or an API key
 * id for public API calls); `tenant` is the workspace; `apiKey` is the key itself; `ip` the client.
 */
export type RateLimitKeyBy = "user" | "tenant" | "apiKey" | "ip";

export type RateLimitPolicy = {
  /** Requests allowed per window, unless a `limitOf` resolver says otherwise. */
  limit: number;
  windowSeconds: number;
  keyBy: RateLimitKeyBy;
};

/** The one table of named limits; routes pick a name, never a number. */
export const rateLimitPolicies = {
  /** Staff / provider portal API. */
  api: { limit: 300, windowSeconds: 60, keyBy: "user" },
  /** Sign-in, sign-up, password reset: nobody is signed in yet, so the client is all we have. */
  auth: {
    // Read when a limiter is built, so a deployment (or the browser-test harness) can set it.
    get limit() {
      return env().AUTH_RATE_LIMIT_PER_MINUTE;
    },
    windowSeconds: 60,
    keyBy: "ip",
  },
  /** POST /api/federation/oidc/test reaches out to a third-party issuer: kept scarce. */
  "federation-test": { limit: 5, windowSeconds: 60, keyBy: "user" },
  /**
   * Public API. Keyed by tenant because the limit is the tenant's plan limit (or its override):
   * keying by key would multiply it by the number of keys a tenant mints. Routes with per-key
   * limits pass `keyBy: "apiKey"`.
   */
  "public-api": { limit: DEFAULT_PUBLIC_API_LIMIT, windowSeconds: 60, keyBy: "tenant" },
  /** Tenant app session API. */
  tenant: { limit: 600, windowSeconds: 60, keyBy: "user" },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof rateLimitPolicies;

/** The context fields a bucket key can come from; every one is optional (the `auth` policy runs before sign-in). */
export type RateLimitKeySources = { request: Request; actor?: Actor; tenantId?: string };

/**
 * The bucket a request counts against, e.g. "user:u-1", "tenant:t-1", "ip:203.0.113.7".
 * The kind is part of the key so an IP can never collide with an id. Falls back to the IP
 * when the context lacks what the policy keys by.
 */
export function rateLimitKey(ctx: RateLimitKeySources, keyBy: RateLimitKeyBy): string {
  const id = idFor(ctx, keyBy);
  return id === undefined ? `ip:${clientIp(ctx.request) ?? "unknown"}` : `${keyBy}:${id}`;
}

function idFor(ctx: RateLimitKeySources, keyBy: RateLimitKeyBy): string | undefined {
  const actor = ctx.actor;
  switch (keyBy) {
    case "user":
      if (!actor) return undefined;
      return actor.kind === "api_key" ? actor.apiKeyId : actor.userId;
    case "apiKey":
      return actor?.kind === "api_key" ? actor.apiKeyId : undefined;
    case "tenant":
      return ctx.tenantId ?? (actor && actor.kind !== "staff" ? actor.tenantId : undefined);
    case "ip":
      return undefined;
  }
}
