import { type Auth, createAuth } from "@pp/core/auth/create-auth";
import { env } from "@pp/env";

let auth: Auth | undefined;

/** Better Auth for the portal, created on first use so builds need no secrets. */
export function getAuth(): Auth {
  auth ??= createAuth("portal", env().portalUrl);
  return auth;
}
