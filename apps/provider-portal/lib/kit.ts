import type { Permission } from "@pp/core/auth/permissions";
import { resolveStaff } from "@pp/core/auth/resolve-session";
import { rootLogger } from "@pp/core/logger";
import { getUsageBuffer } from "@pp/core/usage/usage-buffer";
import { env } from "@pp/env";
import type { ProviderAuthContext } from "@pp/http";
import {
  type BaseContext,
  compose as composeRoute,
  createProviderAuth,
  type Step,
  withOriginCheck,
  withRateLimit,
} from "@pp/http";
import { observeUsageFlush, registerUsageBufferMetrics } from "@pp/http/metrics";
import { portalTenantOf, withUsageLogging } from "@pp/http/usage-logging";
import { getAuth } from "./auth";

export * from "@pp/http";

const usageBuffer = getUsageBuffer({
  onFlush: (seconds) => observeUsageFlush(seconds),
  onError: (error, rows) => rootLogger().warn({ err: error, rows }, "api_usage write failed — rows kept, retrying"),
});
registerUsageBufferMetrics(usageBuffer.stats);

/**
 * `@pp/http`'s compose with usage logging: every route built here records one api_usage row per
 * request, attributed to the tenant the request is about (a `tenantId` or `/tenants/[id]`), else
 * to no tenant with the staff actor.
 */
export const compose = withUsageLogging(composeRoute, { app: "portal", sink: usageBuffer, tenantOf: portalTenantOf });

const staffAuth = createProviderAuth((request) => resolveStaff(getAuth(), request.headers));
const sameOrigin = withOriginCheck({ allowedOrigins: () => [env().portalUrl] });

/**
 * Every portal API route starts here: cookie-authenticated writes must come from the portal, the
 * staff session must hold the route's permission, and the `api` rate limit (per user) applies.
 */
export function withProviderAuth(permission: Permission): Step<BaseContext, ProviderAuthContext> {
  const authorize = staffAuth(permission);
  const limit = withRateLimit("api");
  return (ctx, next) => sameOrigin(ctx, () => authorize(ctx, (adds) => limit({ ...ctx, ...adds }, () => next(adds))));
}
