import { db } from "@pp/db";
import { verifications } from "@pp/db/schema";
import { and, eq, like, lt } from "drizzle-orm";
import { v7 as uuidv7 } from "uuid";
import { z } from "zod";
import type { AppName } from "../../auth/create-auth";

/** How long a user has between leaving for the identity provider and coming back. */
export const SSO_LOGIN_TTL_SECONDS = 10 * 60;

// One row per login in Better Auth's `verifications` table, keyed by the random `state`, deleted on
// first use. The browser holds the same `state` in an httpOnly cookie, so a callback only completes
// in the browser that started the login (no login CSRF with someone else's code).
const IDENTIFIER_PREFIX = "sso-login:";

const ZSsoLoginState = z.object({
  app: z.enum(["portal", "tenant"]),
  connectionId: z.string(),
  codeVerifier: z.string(),
  nonce: z.string(),
  email: z.string(),
  // Absent: the app's default landing (the tenant's dashboard, the portal home).
  returnTo: z.string().optional(),
});

/** What the callback needs to finish a login; the code verifier never leaves the server. */
export type SsoLoginState = z.infer<typeof ZSsoLoginState> & { app: AppName };

export async function saveSsoLoginState(state: string, login: SsoLoginState, now = new Date()): Promise<void> {
  // Logins abandoned at the IdP never reach the callback that would delete them: sweep as we go.
  await db
    .delete(verifications)
    .where(and(like(verifications.identifier, `${IDENTIFIER_PREFIX}%`), lt(verifications.expiresAt, now)));
  await db.insert(verifications).values({
    id: uuidv7(),
    identifier: `${IDENTIFIER_PREFIX}${state}`,
    value: JSON.stringify(login),
    expiresAt: new Date(now.getTime() + SSO_LOGIN_TTL_SECONDS * 1000),
    createdAt: now,
    updatedAt: now,
  });
}

/** The login started with `state`, deleted as it is read so a callback URL works once; null when unknown or expired. */
export async function consumeSsoLoginState(state: string, now = new Date()): Promise<SsoLoginState | null> {
  const [row] = await db
    .delete(verifications)
    .where(eq(verifications.identifier, `${IDENTIFIER_PREFIX}${state}`))
    .returning({ value: verifications.value, expiresAt: verifications.expiresAt });
  if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
  const parsed = ZSsoLoginState.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

const STATE_COOKIE: Record<AppName, string> = { portal: "pp_portal.sso_state", tenant: "pp_tenant.sso_state" };
const STATE_COOKIE_PATH = "/api/sso";

export function ssoStateCookieName(app: AppName): string {
  return STATE_COOKIE[app];
}

/** `Set-Cookie` for the login's state: httpOnly, only sent to /api/sso, Lax so the IdP's redirect back carries it. */
export function ssoStateCookie(app: AppName, state: string, appUrl: string): string {
  return serializeCookie(STATE_COOKIE[app], state, {
    maxAge: SSO_LOGIN_TTL_SECONDS,
    path: STATE_COOKIE_PATH,
    secure: appUrl.startsWith("https://"),
  });
}

/** `Set-Cookie` that removes the state cookie once the callback has used it. */
export function clearSsoStateCookie(app: AppName, appUrl: string): string {
  return serializeCookie(STATE_COOKIE[app], "", {
    maxAge: 0,
    path: STATE_COOKIE_PATH,
    secure: appUrl.startsWith("https://"),
  });
}

export type CookieAttributes = {
  maxAge?: number;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  domain?: string;
};

/** One `Set-Cookie` value; `value` must already be URL-safe. */
export function serializeCookie(name: string, value: string, attributes: CookieAttributes): string {
  const parts = [`${name}=${value}`, `Path=${attributes.path ?? "/"}`];
  if (attributes.maxAge !== undefined) parts.push(`Max-Age=${Math.floor(attributes.maxAge)}`);
  if (attributes.domain) parts.push(`Domain=${attributes.domain}`);
  if (attributes.httpOnly ?? true) parts.push("HttpOnly");
  parts.push(`SameSite=${capitalize(attributes.sameSite ?? "lax")}`);
  if (attributes.secure) parts.push("Secure");
  return parts.join("; ");
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1).toLowerCase();
}

/** A cookie's value from a `Cookie` request header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
