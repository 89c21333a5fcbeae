import { revokeApiKey } from "@pp/core/api-keys/revoke-api-key";
import { auditContextOf } from "@pp/http/audit-context";
import { methodNotAllowed } from "@pp/http/method-not-allowed";
import { compose, json, withInput, withProviderAuth } from "@/lib/kit";
import { ZFederationKeyParams } from "../../schema";

// POST /api/federation/keys/[id]/revoke – revoke a tenant's key at once; revoking twice changes nothing.
export const POST = compose(
  { route: "/api/federation/keys/[id]/revoke" },
  withProviderAuth("federation:manage"),
  withInput({ params: ZFederationKeyParams }),
)(async ({ params, actor, ...ctx }) =>
  json(await revokeApiKey({ actor, apiKeyId: params.id, context: auditContextOf(ctx) })),
);

// Any other method: 405 with `Allow` and the JSON error body (Next.js's own 405 has neither).
export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = methodNotAllowed({ POST });
