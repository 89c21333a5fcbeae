import { listIdentityProviders } from "@pp/core/federation/list-identity-providers";
import { compose, json, withProviderAuth } from "@/lib/kit";

// GET /api/federation/providers – identity providers with status, last test, tenants using them and failed SSO sign-ins.
export const GET = compose(
  { route: "/api/federation/providers" },
  withProviderAuth("federation:read"),
)(async () => json(await listIdentityProviders()));
