import type { Permission } from "@pp/core/auth/permissions";
import { resolveStaff } from "@pp/core/auth/resolve-session";
import { env } from "@pp/env";
import type { ProviderAuthContext } from "@pp/http";
import { type BaseContext, createProviderAuth, type Step, withOriginCheck, withRateLimit } from "@pp/http";
import { createLoggedCompose } from "@pp/http/logged-compose";
import { portalTenantOf } from "@pp/http/usage-logging";
import { getAuth } from "./auth";

export * from "@pp/http";

/**
 * `@pp/http`'s compose with usage logging: every route built here records one api_usage row per
 * request, attributed to the tenant the request is about (a `tenantId` or `/tenants/[id]`), else
 * to no tenant with the staff actor.
 */
export const compose = createLoggedCompose({ app: "portal", tenantOf: portalTenantOf });

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
