import { createOidcConnection } from "@pp/core/federation/create-oidc-connection";
import { listOidcConnections } from "@pp/core/federation/list-oidc-connections";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, created, json, withIdempotency, withInput, withOneTimeSecret, withProviderAuth } from "@/lib/kit";
import { ZCreateOidcConnectionBody, ZListOidcConnectionsQuery } from "./schema";

// GET /api/federation/oidc – OIDC connections (staff SSO and per tenant), client secrets redacted.
export const GET = compose(
  { route: "/api/federation/oidc" },
  withProviderAuth("federation:read"),
  withInput({ query: ZListOidcConnectionsQuery }),
)(async ({ query }) => json(await listOidcConnections(query)));

// POST /api/federation/oidc – add a draft connection after validating discovery; the secret is echoed in this response only.
export const POST = compose(
  { route: "/api/federation/oidc" },
  withProviderAuth("federation:manage"),
  withOneTimeSecret("clientSecret"),
  withIdempotency(),
  withInput({ body: ZCreateOidcConnectionBody }),
)(async ({ body, actor, revealOnce, ...ctx }) => {
  const { clientSecret, ...summary } = await createOidcConnection({ ...body, actor, context: auditContextOf(ctx) });
  revealOnce(clientSecret);
  return created(summary);
});

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ GET, POST });
