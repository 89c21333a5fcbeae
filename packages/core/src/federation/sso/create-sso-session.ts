import { makeSignature } from "better-auth/crypto";
import { runWithAuditContext } from "../../audit/audit-context";
import type { AuditContext } from "../../audit/record-audit-event";
import type { Auth } from "../../auth/create-auth";
import { serializeCookie } from "./sso-login-state";

/**
 * A Better Auth session for `userId`, created through Better Auth's own adapter so its database
 * hooks run exactly as for a password sign-in: the session is stamped with the app, the portal
 * refuses anyone who is not active staff, and `auth.signed_in` is audited with this request.
 * Returns the signed session cookie (same name, signature and attributes Better Auth sets), or
 * null when a hook refused the session.
 */
export async function createSsoSession(options: {
  auth: Auth;
  userId: string;
  /** Tenant app: the connection's tenant, the only one this session opens. */
  ssoTenantId?: string;
  context: AuditContext;
}): Promise<string | null> {
  const auth = await options.auth.$context;
  const session = await runWithAuditContext(options.context, () =>
    auth.internalAdapter.createSession(options.userId, false, {
      ipAddress: options.context.ip ?? "",
      userAgent: options.context.userAgent ?? "",
      ...(options.ssoTenantId ? { ssoTenantId: options.ssoTenantId } : {}),
    }),
  );
  if (!session) return null;
  const { name, attributes } = auth.authCookies.sessionToken;
  const signed = `${session.token}.${await makeSignature(session.token, auth.secret)}`;
  return serializeCookie(name, encodeURIComponent(signed), {
    maxAge: auth.sessionConfig.expiresIn,
    path: attributes.path,
    secure: attributes.secure,
    httpOnly: attributes.httpOnly,
    sameSite: attributes.sameSite,
    domain: attributes.domain,
  });
}
