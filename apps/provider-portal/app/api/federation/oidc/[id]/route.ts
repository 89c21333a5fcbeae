import { getOidcConnectionOrThrow } from "@pp/core/federation/get-oidc-connection";
import { updateOidcConnection } from "@pp/core/federation/update-oidc-connection";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZOidcConnectionParams, ZUpdateOidcConnectionBody } from "../schema";

// GET /api/federation/oidc/[id] – one connection, client secret redacted.
export const GET = compose(
  { route: "/api/federation/oidc/[id]" },
  withProviderAuth("federation:read"),
  withInput({ params: ZOidcConnectionParams }),
)(async ({ params }) => json(await getOidcConnectionOrThrow({ connectionId: params.id })));

// PATCH /api/federation/oidc/[id] – rename, change domains, role or client id, or replace the secret (write-only).
export const PATCH = compose(
  { route: "/api/federation/oidc/[id]" },
  withProviderAuth("federation:manage"),
  withIdempotency(),
  withInput({ params: ZOidcConnectionParams, body: ZUpdateOidcConnectionBody }),
)(async ({ params, body, actor, ...ctx }) =>
  json(await updateOidcConnection({ ...body, connectionId: params.id, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { POST, PUT, DELETE, OPTIONS } = methodNotAllowed({ GET, PATCH });
