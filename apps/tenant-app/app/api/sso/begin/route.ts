import { beginSsoLogin } from "@pp/core/federation/sso/begin-sso-login";
import { ssoBeginResponse } from "@pp/core/federation/sso/sso-redirect";
import { env } from "@pp/env";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, withInput, withOriginCheck, withRateLimit } from "@/lib/kit";
import { ZBeginSsoBody } from "./schema";

// POST /api/sso/begin – public: "Sign in with SSO" → { redirectUrl } of the tenant's IdP (or the sign-in page with a message).
export const POST = compose(
  { route: "/api/sso/begin" },
  withOriginCheck({ allowedOrigins: () => [env().tenantAppUrl] }),
  withRateLimit("auth"),
  withInput({ body: ZBeginSsoBody }, { maxBytes: 8 * 1024 }),
)(async ({ body, ...ctx }) => {
  const redirect = await beginSsoLogin({
    app: "tenant",
    email: body.email,
    // Set by our proxy on a tenant's subdomain (never the client's); else the form may name the tenant.
    tenantSlug: ctx.request.headers.get("x-tenant-slug") ?? body.slug,
    returnTo: body.returnTo,
    appUrl: env().tenantAppUrl,
    requestId: ctx.requestId,
  });
  if (redirect.failure) ctx.log.warn({ sso: redirect.failure }, "SSO sign-in could not start");
  return ssoBeginResponse(redirect);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
