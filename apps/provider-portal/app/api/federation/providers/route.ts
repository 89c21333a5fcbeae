import { listIdentityProviders } from "@pp/core/federation/list-identity-providers";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withProviderAuth } from "@/lib/kit";

// GET /api/federation/providers – identity providers with status, last test, tenants using them and failed SSO sign-ins.
export const GET = compose(
  { route: "/api/federation/providers" },
  withProviderAuth("federation:read"),
)(async () => json(await listIdentityProviders()));

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET });
