import type { AppName } from "../../auth/create-auth";
import { recordSsoLoginTrace } from "./record-sso-login-trace";
import { type SsoErrorCode, SsoLoginFailure, type SsoStage } from "./sso-errors";

/** Where an SSO step sends the browser next, and the cookies to set on the way. */
export type SsoRedirect = {
  location: string;
  cookies: string[];
  /** Set when the login failed (the location is then the sign-in page with the message). */
  failure?: { code: SsoErrorCode; stage: string; detail: string };
};

/** Where each app lands a signed-in user by default. */
export function defaultLanding(app: AppName, tenantSlug?: string): string {
  if (app === "portal") return "/provider";
  return tenantSlug ? `/t/${tenantSlug}` : "/";
}

const RETURN_BASE = "https://return-to.invalid";

function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * A same-origin path to return to after signing in, normalised as the browser will read it;
 * anything that could leave the app (`//evil`, `/\\evil`, `/\t/evil`, CR/LF, `https://…`) is dropped.
 * Parsed with URL against a base origin: only a result on that very origin passes.
 */
export function safeReturnPath(value: string | undefined): string | undefined {
  // Control characters (tab, CR, LF…) are stripped by URL parsers, turning "/\t/evil" into "//evil".
  if (!value?.startsWith("/") || value.includes("\\") || hasControlCharacter(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, RETURN_BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== RETURN_BASE || url.pathname.startsWith("//")) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInErrorUrl(appUrl: string, code: SsoErrorCode): string {
  const url = new URL("/sign-in", appUrl);
  url.searchParams.set("sso", "1");
  url.searchParams.set("sso_error", code);
  return url.href;
}

export type FailureTrace = { connectionId?: string | null; email?: string | null; requestId?: string };

/** Runs one step of a login; whatever it throws becomes a failure of that stage with that code. */
export async function atStage<T>(stage: SsoStage, code: SsoErrorCode, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof SsoLoginFailure) throw error;
    throw new SsoLoginFailure(code, stage, describeError(error));
  }
}

/** An error in words for a trace: openid-client's code and message, the IdP's error and description. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & { code?: unknown; error?: unknown; error_description?: unknown; cause?: unknown };
  const parts = [typeof fields.code === "string" ? `${fields.code}: ${error.message}` : error.message];
  if (typeof fields.error === "string") {
    parts.push(
      `IdP said ${fields.error}${typeof fields.error_description === "string" ? ` (${fields.error_description})` : ""}`,
    );
  }
  const cause = fields.cause;
  if (cause instanceof Error && cause.message !== error.message) parts.push(`cause: ${cause.message}`);
  // A 401 from the token endpoint (wrong client secret) explains itself in WWW-Authenticate challenges.
  if (Array.isArray(cause)) {
    for (const challenge of cause as { scheme?: string; parameters?: Record<string, string> }[]) {
      const said = challenge.parameters?.error;
      if (said)
        parts.push(
          `IdP said ${said}${challenge.parameters?.error_description ? ` (${challenge.parameters.error_description})` : ""}`,
        );
    }
  }
  return parts.join("; ");
}

/**
 * Any error of a login → a trace row and the sign-in page with a message. Unexpected errors read
 * as the generic failure; they still leave a trace, so nothing fails silently or as a 500 page.
 */
export async function failedLogin(
  error: unknown,
  options: { appUrl: string; trace: FailureTrace; cookies?: string[] },
): Promise<SsoRedirect> {
  const failure =
    error instanceof SsoLoginFailure
      ? error
      : new SsoLoginFailure("failed", "session", error instanceof Error ? error.message : String(error));
  const email = failure.email ?? options.trace.email;
  await recordSsoLoginTrace({ ...options.trace, email, stage: failure.stage, error: failure.detail }).catch(() => {
    // The database refusing the trace must not turn a clear message into an error page.
  });
  return {
    location: signInErrorUrl(options.appUrl, failure.code),
    cookies: options.cookies ?? [],
    failure: { code: failure.code, stage: failure.stage, detail: failure.detail },
  };
}

/** The callback's answer: a 303 to where the login ends (the app, or the sign-in page), setting its cookies. */
export function ssoRedirectResponse(redirect: SsoRedirect): Response {
  const headers = new Headers({ location: redirect.location, "cache-control": "no-store" });
  for (const cookie of redirect.cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

/** The begin call's answer to the sign-in form's fetch: where to send the browser, with the state cookie. */
export function ssoBeginResponse(redirect: SsoRedirect): Response {
  const headers = new Headers({ "cache-control": "no-store" });
  for (const cookie of redirect.cookies) headers.append("set-cookie", cookie);
  return Response.json({ redirectUrl: redirect.location }, { headers });
}
