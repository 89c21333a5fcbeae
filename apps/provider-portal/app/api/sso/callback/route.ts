import { completeSsoLogin } from "@pp/core/federation/sso/complete-sso-login";
import { readCookie, ssoStateCookieName } from "@pp/core/federation/sso/sso-login-state";
import { ssoRedirectResponse } from "@pp/core/federation/sso/sso-redirect";
import { env } from "@pp/env";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { getAuth } from "@/lib/auth";
import { compose, withRateLimit } from "@/lib/kit";

// GET /api/sso/callback – public: the IdP sends the user back here; signed in → the portal, else the sign-in page with a message.
export const GET = compose(
  { route: "/api/sso/callback" },
  withRateLimit("auth"),
)(async (ctx) => {
  const redirect = await completeSsoLogin({
    app: "portal",
    auth: getAuth(),
    // The IdP's parameters are checked by openid-client against this browser's pending login, not by a schema.
    query: ctx.url.searchParams,
    stateCookie: readCookie(ctx.request.headers.get("cookie"), ssoStateCookieName("portal")),
    appUrl: env().portalUrl,
    context: auditContextOf(ctx),
  });
  if (redirect.failure) ctx.log.warn({ sso: redirect.failure }, "SSO sign-in failed");
  return ssoRedirectResponse(redirect);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
