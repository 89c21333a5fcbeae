import type { Permission } from "@pp/core/auth/permissions";
import { resolveStaff } from "@pp/core/auth/resolve-session";
import { env } from "@pp/env";
import type { ProviderAuthContext } from "@pp/http";
import { type BaseContext, createProviderAuth, type Step, withOriginCheck } from "@pp/http";
import { getAuth } from "./auth";

export * from "@pp/http";

const staffAuth = createProviderAuth((request) => resolveStaff(getAuth(), request.headers));
const sameOrigin = withOriginCheck({ allowedOrigins: () => [env().portalUrl] });

/** Staff session + the permission the route needs; cookie-authenticated writes must come from the portal. */
export function withProviderAuth(permission: Permission): Step<BaseContext, ProviderAuthContext> {
  const authorize = staffAuth(permission);
  return (ctx, next) => sameOrigin(ctx, () => authorize(ctx, next));
}
