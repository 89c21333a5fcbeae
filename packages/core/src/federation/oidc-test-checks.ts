// Shared by the test runner and the UI (no server imports here).

/** The checks, in the order they run; each needs the one before it to pass. */
export const OIDC_TEST_CHECKS = ["discovery", "jwks", "client_credentials"] as const;
export type OidcTestCheckName = (typeof OIDC_TEST_CHECKS)[number];

export const OIDC_TEST_CHECK_LABELS: Record<OidcTestCheckName, string> = {
  discovery: "Discovery document reachable and valid",
  jwks: "JWKS has a usable signing key",
  client_credentials: "Token endpoint accepts the client credentials",
};

export type OidcTestCheck = { name: OidcTestCheckName; ok: boolean; detail: string };
