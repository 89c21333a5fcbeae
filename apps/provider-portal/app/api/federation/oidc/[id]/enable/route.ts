import { enableOidcConnection } from "@pp/core/federation/enable-oidc-connection";
import { auditContextOf } from "@pp/http/audit-context";
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
