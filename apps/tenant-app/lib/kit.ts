import { findMembership, getSignedInUser } from "@pp/core/auth/resolve-session";
import { env } from "@pp/env";
import type { TenantAuthContext, TenantAuthOptions } from "@pp/http";
import { type BaseContext, createTenantAuth, type Step, withOriginCheck, withRateLimit } from "@pp/http";
import { getAuth } from "./auth";

export * from "@pp/http";

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
