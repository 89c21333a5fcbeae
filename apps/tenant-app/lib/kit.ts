import { findMembership, getSignedInUser } from "@pp/core/auth/resolve-session";
import { env } from "@pp/env";
import type { TenantAuthContext, TenantAuthOptions } from "@pp/http";
import { type BaseContext, createTenantAuth, type Step, withOriginCheck } from "@pp/http";
import { getAuth } from "./auth";

export * from "@pp/http";

const memberAuth = createTenantAuth(async (request, slug) => {
  const user = await getSignedInUser(getAuth(), request.headers, "tenant");
  if (!user) return null;
  return (await findMembership(user, slug)) ?? "not_member";
});
const sameOrigin = withOriginCheck({ allowedOrigins: () => [env().tenantAppUrl] });

/** A member of the route's tenant (404 for anyone else); cookie-authenticated writes must come from the app. */
export function withTenantAuth(options: TenantAuthOptions = {}): Step<BaseContext, TenantAuthContext> {
  const authorize = memberAuth(options);
  return (ctx, next) => sameOrigin(ctx, () => authorize(ctx, next));
}
