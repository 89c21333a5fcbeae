import { disableOidcConnection } from "@pp/core/federation/disable-oidc-connection";
import { auditContextOf } from "@pp/http/audit-context";
import { compose, json, withIdempotency, withInput, withProviderAuth } from "@/lib/kit";
import { ZOidcConnectionParams } from "../../schema";

// POST /api/federation/oidc/[id]/disable – turn SSO off for a connection; disabling twice changes nothing.
export const POST = compose(
  { route: "/api/federation/oidc/[id]/disable" },
  withProviderAuth("federation:manage"),
  withIdempotency(),
  withInput({ params: ZOidcConnectionParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await disableOidcConnection({ connectionId: params.id, actor, context: auditContextOf(ctx) })),
);
