import type { ApiKeyScope } from "@pp/core/api-keys/api-key-scopes";
import { authenticateApiKey } from "@pp/core/api-keys/authenticate-api-key";
import { getApiRateLimit } from "@pp/core/api-keys/get-api-rate-limit";
import { createLastUsedTracker } from "@pp/core/api-keys/last-used-tracker";
import { findMembership, getSignedInUser } from "@pp/core/auth/resolve-session";
import { rootLogger } from "@pp/core/logger";
import { onShutdown } from "@pp/core/runtime/shutdown";
import { env } from "@pp/env";
import type { ApiKeyAuthContext, TenantAuthContext, TenantAuthOptions } from "@pp/http";
import {
  type BaseContext,
  createApiKeyAuth,
  createTenantAuth,
  type Step,
  withOriginCheck,
  withRateLimit,
} from "@pp/http";
import { createLoggedCompose } from "@pp/http/logged-compose";
import { getAuth } from "./auth";

export * from "@pp/http";

/**
 * `@pp/http`'s compose with usage logging: every route built here records one api_usage row per
 * request (tenant from the session's membership or the API key) without waiting for the write.
 */
export const compose = createLoggedCompose({ app: "tenant" });

const memberAuth = createTenantAuth(async (request, slug) => {
  const user = await getSignedInUser(getAuth(), request.headers, "tenant");
  if (!user) return null;
  return (await findMembership(user, slug)) ?? "not_member";
});
const sameOrigin = withOriginCheck({ allowedOrigins: () => [env().tenantAppUrl] });

/**
 * Every tenant API route starts here: a member of the route's tenant (404 for anyone else),
 * cookie-authenticated writes only from the app itself, and the `tenant` rate limit (per user).
 */
export function withTenantAuth(options: TenantAuthOptions = {}): Step<BaseContext, TenantAuthContext> {
  const authorize = memberAuth(options);
  const limit = withRateLimit("tenant");
  return (ctx, next) => sameOrigin(ctx, () => authorize(ctx, (adds) => limit({ ...ctx, ...adds }, () => next(adds))));
}

const lastUsed = createLastUsedTracker({
  onError: (error) => rootLogger().warn({ err: error }, "API key last-used flush failed — retrying on the next flush"),
});
// Times noted since the last 30 s flush are written when the app stops, after in-flight requests drained.
onShutdown("flush", "API-key last-used times", () => lastUsed.stop());
// With API_KEY_CACHE_MS > 0 a key looked up that recently is answered from memory (revoking here
// forgets it at once; elsewhere it counts within that time). Default 0: every request asks.
const apiKeyAuth = createApiKeyAuth((token) => authenticateApiKey({ token, maxAgeMs: env().API_KEY_CACHE_MS }), {
  recordUse: (apiKeyId, at) => lastUsed.record(apiKeyId, at),
});
const limitOf = (ctx: ApiKeyAuthContext) =>
  getApiRateLimit({ tenantId: ctx.tenantId, keyRateLimitPerMinute: ctx.apiKey.rateLimitPerMinute });
// A key with its own limit counts in its own bucket; the others share their tenant's.
const perTenantLimit = withRateLimit<ApiKeyAuthContext>("public-api", { limitOf });
const perKeyLimit = withRateLimit<ApiKeyAuthContext>("public-api", { limitOf, keyBy: "apiKey" });

/**
 * Every public API route (/api/v1/*) starts here: a valid `Authorization: Bearer` key holding
 * `scope` (when the route needs one), then the `public-api` rate limit — the key's own limit, else
 * the tenant's override, else its plan's. No cookies, so no Origin check.
 */
export function withApiKey(scope?: ApiKeyScope): Step<BaseContext, ApiKeyAuthContext> {
  const authorize = apiKeyAuth(scope);
  return (ctx, next) =>
    authorize(ctx, (adds) => {
      const limit = adds.apiKey.rateLimitPerMinute ? perKeyLimit : perTenantLimit;
      return limit({ ...ctx, ...adds }, () => next(adds));
    });
}
