import { enableOidcConnection } from "@pp/core/federation/enable-oidc-connection";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZOidcConnectionParams } from "../../schema";

// POST /api/federation/oidc/[id]/enable – turn SSO on; refused until the connection's last test passed.
export const POST = compose(
  { route: "/api/federation/oidc/[id]/enable" },
  withProviderAuth("federation:manage"),
  withIdempotency(),
  withInput({ params: ZOidcConnectionParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await enableOidcConnection({ connectionId: params.id, actor, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
