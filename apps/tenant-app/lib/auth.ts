import { type Auth, createAuth } from "@pp/core/auth/create-auth";
import { env } from "@pp/env";

let auth: Auth | undefined;

/** Better Auth for the tenant app, created on first use so builds need no secrets. */
export function getAuth(): Auth {
  auth ??= createAuth("tenant", env().tenantAppUrl);
  return auth;
}
