import { db } from "@pp/db";
import { staffMembers, users } from "@pp/db/schema";
import { and, eq, sql } from "drizzle-orm";
import * as client from "openid-client";
import type { AuditContext } from "../../audit/record-audit-event";
import type { AppName, Auth } from "../../auth/create-auth";
import { emailDomainOf } from "../email-domains";
import { getSsoConnection, loadOidcClientSecret } from "../load-oidc-client-secret";
import type { SsoConnection } from "../sso-connection";
import { ssoCallbackUrl } from "./begin-sso-login";
import { createSsoSession } from "./create-sso-session";
import { isNetworkError } from "./is-network-error";
import { oidcConfigurationFor } from "./oidc-configuration";
import { provisionSsoMember } from "./provision-sso-member";
import { SsoLoginFailure } from "./sso-errors";
import { clearSsoStateCookie, consumeSsoLoginState, type SsoLoginState } from "./sso-login-state";
import { atStage, defaultLanding, describeError, failedLogin, type SsoRedirect, safeReturnPath } from "./sso-redirect";

export type CompleteSsoLoginOptions = {
  app: AppName;
  /** The app's Better Auth: the session is created through it. */
  auth: Auth;
  /** The callback's query string as the identity provider sent it (code, state, iss — or error). */
  query: URLSearchParams;
  /** The state cookie the browser sent back with the callback. */
  stateCookie: string | undefined;
  appUrl: string;
  /** The callback request (request id, IP, user agent) for traces and the audit trail. */
  context: AuditContext;
  /**
   * Accept an email the identity provider does not mark `email_verified: true`. Off: an
   * unverified address could belong to someone else, and the email decides whose account this is.
   */
  allowUnverifiedEmail?: boolean;
  now?: Date;
};

/**
 * Finishes a single sign-on at the callback: the state must be this browser's pending login; the
 * code is exchanged with the client secret and PKCE verifier; openid-client validates the ID
 * token (signature, issuer, audience, nonce, expiry); the email must be verified and within the
 * connection's domains. Tenant app: the user and the membership are created on first sign-in.
 * Portal: the email must be an active staff member's (staff are never created by SSO). Then a
 * Better Auth session for this app, exactly as a password sign-in makes. Every failure leaves a
 * trace and sends the browser to the sign-in page with a message.
 */
export async function completeSsoLogin(options: CompleteSsoLoginOptions): Promise<SsoRedirect> {
  const { app, appUrl, query } = options;
  const clearState = clearSsoStateCookie(app, appUrl);
  let connectionId: string | undefined;
  let email: string | undefined;
  try {
    const state = query.get("state");
    const login = await pendingLogin(app, state, options.stateCookie, query, options.now);
    connectionId = login.connectionId;
    email = login.email;
    const idpError = query.get("error");
    if (idpError) {
      const description = query.get("error_description");
      throw new SsoLoginFailure(
        idpError === "access_denied" ? "denied" : "idp_error",
        "authorization",
        `The identity provider returned ${idpError}${description ? `: ${description}` : ""}`,
      );
    }
    const connection = await usableConnection(app, login.connectionId);
    const secret = await atStage("configuration", "misconfigured", () => loadOidcClientSecret(connection.id));
    const config = await atStage("discovery", "idp_unreachable", () => oidcConfigurationFor(connection, secret));

    const callbackUrl = new URL(ssoCallbackUrl(appUrl));
    callbackUrl.search = query.toString();
    const tokens = await client
      .authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: state ?? undefined,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw exchangeFailure(error);
      });
    const identity = await identityOf(config, tokens, connection, options.allowUnverifiedEmail ?? false);
    email = identity.email;

    let landing: string;
    let userId: string;
    let ssoTenantId: string | undefined;
    if (app === "portal") {
      userId = await activeStaffUserId(identity.email);
      landing = defaultLanding("portal");
    } else {
      const tenantConnection = { ...connection, tenantId: connection.tenantId ?? "" };
      const member = await atStage("provisioning", "failed", () =>
        provisionSsoMember({
          connection: tenantConnection,
          email: identity.email,
          name: identity.name,
          context: options.context,
        }),
      );
      userId = member.userId;
      ssoTenantId = tenantConnection.tenantId;
      landing = defaultLanding("tenant", member.tenantSlug);
    }

    const sessionCookie = await atStage("session", "failed", () =>
      createSsoSession({ auth: options.auth, userId, ssoTenantId, context: options.context }),
    );
    if (!sessionCookie) {
      throw new SsoLoginFailure(app === "portal" ? "not_staff" : "failed", "session", "The session was refused");
    }
    return {
      location: new URL(safeReturnPath(login.returnTo) ?? landing, appUrl).href,
      cookies: [sessionCookie, clearState],
    };
  } catch (error) {
    return failedLogin(error, {
      appUrl,
      trace: { connectionId, email, requestId: options.context.requestId },
      cookies: [clearState],
    });
  }
}

/** The login this browser started: the state in the URL must equal its cookie and still be pending. */
async function pendingLogin(
  app: AppName,
  state: string | null,
  stateCookie: string | undefined,
  query: URLSearchParams,
  now: Date | undefined,
): Promise<SsoLoginState> {
  const idpSaid = query.get("error") ? ` (the identity provider also returned ${query.get("error")})` : "";
  if (!state) throw new SsoLoginFailure("expired", "state", `The callback has no state${idpSaid}`);
  if (!stateCookie || stateCookie !== state) {
    throw new SsoLoginFailure(
      "expired",
      "state",
      `The callback's state does not match this browser's ${stateCookie ? "login" : "(no state cookie)"}${idpSaid}`,
    );
  }
  const login = await consumeSsoLoginState(state, now);
  if (!login || login.app !== app) {
    throw new SsoLoginFailure("expired", "state", `No pending login for this state: expired or already used${idpSaid}`);
  }
  return login;
}

/** The login's connection, still enabled and for this app (staff ↔ portal, tenant ↔ tenant app). */
async function usableConnection(app: AppName, connectionId: string): Promise<SsoConnection> {
  const connection = await getSsoConnection(connectionId);
  if (!connection) throw new SsoLoginFailure("misconfigured", "configuration", "The connection was deleted");
  if (connection.status !== "enabled") {
    throw new SsoLoginFailure("misconfigured", "configuration", `The connection is ${connection.status}`);
  }
  if ((app === "portal") !== (connection.tenantId === null)) {
    throw new SsoLoginFailure("misconfigured", "configuration", `The connection does not sign in to the ${app} app`);
  }
  return connection;
}

type TokenResponse = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

// The token endpoint refused or could not be reached, or the ID token failed validation.
const TOKEN_ENDPOINT_CODES = new Set([
  "OAUTH_RESPONSE_BODY_ERROR",
  "OAUTH_RESPONSE_IS_NOT_JSON",
  "OAUTH_RESPONSE_IS_NOT_CONFORM",
  "OAUTH_WWW_AUTHENTICATE_CHALLENGE",
]);

function exchangeFailure(error: unknown): SsoLoginFailure {
  const detail = describeError(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof client.AuthorizationResponseError) {
    return new SsoLoginFailure("idp_error", "authorization", detail);
  }
  if (isNetworkError(error)) {
    return new SsoLoginFailure(
      "idp_unreachable",
      "token_exchange",
      `The token endpoint could not be reached: ${detail}`,
    );
  }
  if (typeof code === "string" && TOKEN_ENDPOINT_CODES.has(code)) {
    return new SsoLoginFailure("token_rejected", "token_exchange", `The token endpoint refused the code: ${detail}`);
  }
  return new SsoLoginFailure("invalid_token", "id_token", `The ID token is not valid: ${detail}`);
}

type Identity = { email: string; name: string };

/** The verified email (and a display name) from the ID token, or from userinfo when the ID token omits them. */
async function identityOf(
  config: client.Configuration,
  tokens: TokenResponse,
  connection: SsoConnection,
  allowUnverifiedEmail: boolean,
): Promise<Identity> {
  const claims = tokens.claims();
  if (!claims) throw new SsoLoginFailure("invalid_token", "id_token", "The token response has no ID token");
  let source: Record<string, unknown> = claims;
  if (typeof claims.email !== "string") {
    const userInfo = await atStage("claims", "idp_error", () =>
      client.fetchUserInfo(config, tokens.access_token, claims.sub),
    );
    source = { ...userInfo, ...claims, email: userInfo.email, email_verified: userInfo.email_verified };
  }
  const email = typeof source.email === "string" ? source.email.trim().toLowerCase() : "";
  if (!email) throw new SsoLoginFailure("email_missing", "claims", `No email claim for subject ${claims.sub}`);
  const verified = source.email_verified === true || source.email_verified === "true";
  if (!verified && !allowUnverifiedEmail) {
    throw new SsoLoginFailure(
      "email_not_verified",
      "claims",
      `${email} is not marked email_verified by the IdP`,
      email,
    );
  }
  const domain = emailDomainOf(email);
  if (!domain || !connection.emailDomains.includes(domain)) {
    throw new SsoLoginFailure(
      "email_domain",
      "claims",
      `${email} is outside the connection's domains (${connection.emailDomains.join(", ")})`,
      email,
    );
  }
  const name =
    typeof source.name === "string" && source.name.trim() ? source.name.trim() : (email.split("@")[0] ?? email);
  return { email, name };
}

/** Staff are invited, never created by SSO: the email must already belong to an active staff member. */
async function activeStaffUserId(email: string): Promise<string> {
  const [staff] = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(staffMembers, eq(staffMembers.userId, users.id))
    .where(and(sql`lower(${users.email}) = ${email}`, eq(staffMembers.status, "active")))
    .limit(1);
  if (!staff) throw new SsoLoginFailure("not_staff", "staff", `${email} is not an active staff member`);
  return staff.userId;
}
