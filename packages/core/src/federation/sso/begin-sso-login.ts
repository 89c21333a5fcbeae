import { db } from "@pp/db";
import { tenants } from "@pp/db/schema";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { z } from "zod";
import type { AppName } from "../../auth/create-auth";
import { emailDomainOf } from "../email-domains";
import { findConnectionForEmail } from "../find-connection-for-email";
import { loadOidcClientSecret } from "../load-oidc-client-secret";
import type { SsoConnection } from "../sso-connection";
import { oidcConfigurationFor } from "./oidc-configuration";
import { SsoLoginFailure } from "./sso-errors";
import { saveSsoLoginState, ssoStateCookie } from "./sso-login-state";
import { atStage, failedLogin, type SsoRedirect, safeReturnPath } from "./sso-redirect";

/** What the sign-in page's "Sign in with SSO" form sends. */
export const ZBeginSsoLogin = z.object({
  email: z.string().trim().max(320).email("must be an email address"),
  /** The tenant whose sign-in page this is; the subdomain says it too when subdomain routing is on. */
  slug: z.string().trim().max(63).optional(),
  returnTo: z.string().max(2000).optional(),
});

export type TBeginSsoLogin = z.infer<typeof ZBeginSsoLogin>;

export type BeginSsoLoginOptions = {
  app: AppName;
  /** What the user typed; its domain picks the connection (home-realm discovery). */
  email: string;
  /** Tenant app: the workspace whose sign-in page this is, when known (subdomain); else any tenant's connection. */
  tenantSlug?: string;
  /** A path in the same app to land on afterwards. */
  returnTo?: string;
  /** The app's public URL; the IdP sends the user back to `${appUrl}/api/sso/callback`. */
  appUrl: string;
  requestId?: string;
  now?: Date;
};

/** The redirect URI registered at the identity provider for an app. */
export function ssoCallbackUrl(appUrl: string): string {
  return new URL("/api/sso/callback", appUrl).href;
}

export const SSO_SCOPES = "openid email profile";

/**
 * Starts a single sign-on: email → domain → the enabled connection (the tenant's, or the staff
 * connection for the portal) → the identity provider's authorization URL with PKCE (S256), state
 * and nonce. The per-login secrets (code verifier, nonce) stay server-side in `verifications` for
 * ten minutes; the browser gets only the state, in an httpOnly cookie. Failures leave a trace and
 * send the browser to the sign-in page with a message.
 */
export async function beginSsoLogin(options: BeginSsoLoginOptions): Promise<SsoRedirect> {
  const email = options.email.trim().toLowerCase();
  let connection: SsoConnection | undefined;
  try {
    connection = await connectionFor(options.app, email, options.tenantSlug);
    const found = connection;
    const secret = await atStage("configuration", "misconfigured", () => loadOidcClientSecret(found.id));
    const config = await atStage("discovery", "idp_unreachable", () => oidcConfigurationFor(found, secret));

    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await saveSsoLoginState(
      state,
      {
        app: options.app,
        connectionId: found.id,
        codeVerifier,
        nonce,
        email,
        returnTo: safeReturnPath(options.returnTo),
      },
      options.now,
    );
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: ssoCallbackUrl(options.appUrl),
      scope: SSO_SCOPES,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
      login_hint: email,
    });
    return { location: authorizationUrl.href, cookies: [ssoStateCookie(options.app, state, options.appUrl)] };
  } catch (error) {
    return failedLogin(error, {
      appUrl: options.appUrl,
      trace: { connectionId: connection?.id, email, requestId: options.requestId },
    });
  }
}

async function connectionFor(app: AppName, email: string, tenantSlug: string | undefined): Promise<SsoConnection> {
  const domain = emailDomainOf(email);
  if (!domain) throw new SsoLoginFailure("no_connection", "home_realm", `"${email}" has no email domain`);
  if (app === "portal") {
    const connection = await findConnectionForEmail({ email, audience: { kind: "staff" } });
    if (!connection) {
      throw new SsoLoginFailure("no_connection", "home_realm", `No enabled staff connection claims ${domain}`);
    }
    return connection;
  }
  const tenantId = tenantSlug ? await tenantIdOf(tenantSlug) : undefined;
  if (tenantSlug && !tenantId) {
    throw new SsoLoginFailure("no_connection", "home_realm", `No tenant has the slug "${tenantSlug}"`);
  }
  const connection = await findConnectionForEmail({ email, audience: { kind: "tenant", tenantId } });
  if (!connection) {
    const where = tenantSlug ? `tenant "${tenantSlug}"` : "any tenant";
    throw new SsoLoginFailure("no_connection", "home_realm", `No enabled connection of ${where} claims ${domain}`);
  }
  return connection;
}

async function tenantIdOf(slug: string): Promise<string | undefined> {
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return tenant?.id;
}
