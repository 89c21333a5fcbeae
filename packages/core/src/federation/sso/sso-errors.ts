/**
 * What a failed single sign-on tells the user, by the code the sign-in page receives as
 * `?sso_error=`. Each says what happened and what to do next; the details go to the trace.
 */
export const SSO_ERROR_MESSAGES = {
  no_connection:
    "Single sign-on is not set up for that email address. Sign in with your password, or ask your administrator.",
  misconfigured:
    "Single sign-on for your organization is not set up correctly. Sign in with your password, or ask your administrator to check the connection.",
  idp_unreachable:
    "Your identity provider could not be reached. Try again in a few minutes, or sign in with your password.",
  expired: "That sign-in link has expired or was started in another browser. Start single sign-on again.",
  denied: "Sign-in was cancelled at your identity provider. Start again when you are ready.",
  idp_error: "Your identity provider could not sign you in. Try again, or ask your administrator.",
  token_rejected:
    "Your identity provider did not confirm the sign-in. Try again, or ask your administrator to check the connection.",
  invalid_token: "Your identity provider's answer could not be verified, so you were not signed in. Try again.",
  email_missing: "Your identity provider did not share your email address, so we cannot sign you in.",
  email_not_verified: "Your identity provider has not verified your email address. Verify it there, then try again.",
  email_domain: "The email address your identity provider returned is not covered by this single sign-on connection.",
  not_staff:
    "That account is not an active Provider Portal staff member. Staff accounts are not created by single sign-on — ask an admin to invite you.",
  not_member:
    "Your account is not a member of this workspace. Sign in with your password, or ask the workspace's owner to invite you.",
  domain_unverified:
    "Single sign-on cannot add new people from your email domain until your administrator verifies the domain. Ask them to finish it, or to invite you.",
  failed: "Single sign-on failed. Try again, or sign in with your password.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERROR_MESSAGES;

/** Where in the flow a login failed, as the trace records it. */
export type SsoStage =
  | "home_realm"
  | "configuration"
  | "discovery"
  | "authorization"
  | "state"
  | "token_exchange"
  | "id_token"
  | "claims"
  | "staff"
  | "provisioning"
  | "session";

/** The text for a `?sso_error=` value; unknown values (a tampered link) read as the generic failure. */
export function ssoErrorMessage(code: string | undefined | null): string | null {
  if (!code) return null;
  return code in SSO_ERROR_MESSAGES ? SSO_ERROR_MESSAGES[code as SsoErrorCode] : SSO_ERROR_MESSAGES.failed;
}

/** A login that cannot go on: the user reads `code`, operators read `stage` and `detail` in the trace. */
export class SsoLoginFailure extends Error {
  override name = "SsoLoginFailure";
  constructor(
    readonly code: SsoErrorCode,
    readonly stage: SsoStage,
    readonly detail: string,
    /** The email the identity provider vouched for, when it differs from the one typed at the start. */
    readonly email?: string,
  ) {
    super(detail);
  }
}
