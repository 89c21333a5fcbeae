import { testOidcConnection } from "@pp/core/federation/test-oidc-connection";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth, withRateLimit } from "@/lib/kit";
import { ZTestOidcConnectionBody } from "../schema";

// POST /api/federation/oidc/test – check a connection against its identity provider (discovery, JWKS, credentials).
export const POST = compose(
  { route: "/api/federation/oidc/test" },
  withProviderAuth("federation:manage"),
  withRateLimit("federation-test"),
  withIdempotency(),
  withInput({ body: ZTestOidcConnectionBody }),
)(async ({ body, actor, ...ctx }) =>
  json(await testOidcConnection({ connectionId: body.connectionId, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
